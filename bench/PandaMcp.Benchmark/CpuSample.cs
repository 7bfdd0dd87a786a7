namespace PandaMcp.Benchmark;

/// <summary>
/// The CPU time used so far by the servers under test (together), the emulator, and this process (the load
/// generator). Server is null when there are none.
/// </summary>
public sealed record CpuSample(TimeSpan? Server, TimeSpan Emulator, TimeSpan Client)
{
    public static CpuSample Take(IReadOnlyList<ChildProcess> servers, ChildProcess emulator) =>
        new(servers.Count == 0 ? null : servers.Aggregate(TimeSpan.Zero, (sum, server) => sum + server.CpuTime()),
            emulator.CpuTime(), ProcStat.CpuTime(Environment.ProcessId));
}
