namespace PandaMcp.Benchmark;

/// <summary>The CPU time used so far by the server under test, the emulator, and this process (the load generator).</summary>
public sealed record CpuSample(TimeSpan? Server, TimeSpan Emulator, TimeSpan Client)
{
    public static CpuSample Take(ChildProcess? server, ChildProcess emulator) =>
        new(server?.CpuTime(), emulator.CpuTime(), ProcStat.CpuTime(Environment.ProcessId));
}
