namespace PandaMcp.Benchmark;

/// <summary>
/// A way to call the tool: its name in the report, how a worker connects, and the server process whose CPU time
/// is charged to the calls (none for direct REST, where the emulator is the only server).
/// </summary>
public sealed record LoadTarget(string Name, ChildProcess? Server, Func<CancellationToken, Task<ICaller>> ConnectAsync);
