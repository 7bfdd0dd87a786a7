using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Silo.PublicReads;

/// <summary>
/// Public reads (the endpoints the catalog marks as needing no credentials and reading only): whether their calls
/// share answers (read by gateways), how long an answer is reused and how much the reuse may hold (read by silos).
/// </summary>
public sealed class PublicReadOptions : IValidatableObject
{
    public const string SectionName = "PandaMcp:PublicReads";

    private static readonly TimeSpan LongestMaxAge = TimeSpan.FromHours(1);

    /// <summary>False: each public read is a REST call of its own, with its caller's credentials, as any other call.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long PanDA's answer is reused for calls asking the same question; zero: shared by concurrent calls only.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary><see cref="MaxAge"/> of one tool (<c>statistics_job_stats_by_cloud</c>), where it differs.</summary>
    public Dictionary<string, TimeSpan> MaxAgeByTool { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Answers one silo keeps for reuse at once; past it, new answers are shared but not kept.</summary>
    [Range(0, 1_000_000)]
    public int MaxEntries { get; set; } = 10_000;

    /// <summary>The bytes (about two per character) of the answers one silo keeps for reuse at once.</summary>
    [Range(0L, 1L << 40)]
    public long MaxBytes { get; set; } = 64L << 20;

    public TimeSpan MaxAgeOf(string tool) => MaxAgeByTool.TryGetValue(tool, out var age) ? age : MaxAge;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, age) in MaxAgeByTool.Prepend(new("MaxAge", MaxAge)))
        {
            if (age < TimeSpan.Zero || age > LongestMaxAge)
            {
                yield return new ValidationResult(
                    $"{SectionName}:{(name == "MaxAge" ? name : "MaxAgeByTool:" + name)} must be between 00:00:00 and {LongestMaxAge}, not {age}.");
            }
        }
    }
}
