using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Silo.Panda;

/// <summary>
/// How the REST client rides out PanDA's outages: reads retried, and a circuit breaker that stops calling a
/// PanDA that keeps failing, so that callers learn it at once instead of each waiting for a timeout.
/// </summary>
public sealed class PandaResilienceOptions
{
    public const string SectionName = "PandaMcp:Panda:Resilience";

    /// <summary>Retries of a GET (a read) after a connection failure or a 502/503/504; POSTs are never retried.</summary>
    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 2;

    /// <summary>The wait before the first retry; it doubles for each next one, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The share of failed attempts, within <see cref="SamplingDuration"/>, that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>The attempts needed within <see cref="SamplingDuration"/> before the ratio counts.</summary>
    [Range(2, 100_000)]
    public int MinimumAttempts { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long calls fail at once after the circuit opens; then one call is let through to try PanDA.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
