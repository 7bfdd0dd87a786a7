using System.Diagnostics;

namespace PandaMcp.Benchmark;

/// <summary>The measured part of a run: calls that complete inside it are counted, warm-up calls are not.</summary>
public sealed class MeasuredWindow
{
    private long _start = long.MaxValue;
    private long _end = long.MaxValue;

    public TimeSpan Length => Stopwatch.GetElapsedTime(Volatile.Read(ref _start), Volatile.Read(ref _end));

    public void Open() => Volatile.Write(ref _start, Stopwatch.GetTimestamp());

    public void Close() => Volatile.Write(ref _end, Stopwatch.GetTimestamp());

    public bool Contains(long timestamp) => timestamp >= Volatile.Read(ref _start) && timestamp <= Volatile.Read(ref _end);
}
