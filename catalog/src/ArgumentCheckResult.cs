namespace PandaMcp.Catalog;

/// <summary>The outcome of <see cref="ArgumentCheck.Run"/>: the arguments as a JSON object, or the problems found.</summary>
public sealed record ArgumentCheckResult(string? ArgumentsJson, IReadOnlyList<string> Errors)
{
    public bool IsValid => ArgumentsJson is not null;
}
