namespace PandaMcp.Benchmark;

/// <summary>What one worker saw inside the measured window: each successful call's latency, and the failures.</summary>
public sealed class WorkerTally
{
    /// <summary>Latencies in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public List<long> Latencies { get; } = new(capacity: 64 * 1024);

    public int Errors { get; private set; }

    public string? FirstError { get; private set; }

    public void Fail(string reason)
    {
        Errors++;
        FirstError ??= reason;
    }
}
