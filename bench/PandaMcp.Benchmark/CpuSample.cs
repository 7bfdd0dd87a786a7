namespace PandaMcp.Benchmark;

/// <summary>
/// The CPU time used so far by each server under test (by process name), the emulator, and this process (the
/// load generator).
/// </summary>
public sealed record CpuSample(IReadOnlyDictionary<string, TimeSpan> Servers, TimeSpan Emulator, TimeSpan Client)
{
    public static CpuSample Take(IReadOnlyList<ChildProcess> servers, ChildProcess emulator) =>
        new(servers.ToDictionary(s => s.Name, s => s.CpuTime()), emulator.CpuTime(), ProcStat.CpuTime(Environment.ProcessId));

    /// <summary>Each server's CPU time from <paramref name="before"/> to this sample.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ServersSince(CpuSample before) =>
        Servers.ToDictionary(s => s.Key, s => s.Value - before.Servers[s.Key]);
}
