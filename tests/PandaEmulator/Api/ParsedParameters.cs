using PandaEmulator.Python;

namespace PandaEmulator.Api;

/// <summary>The request's parameters as PanDA parsed them, or why it could not (which PanDA reports only after authentication).</summary>
internal sealed record ParsedParameters(object? Values, string? InvalidJson, PyException? Failure)
{
    public static ParsedParameters Of(object? values) => new(values, null, null);
}
