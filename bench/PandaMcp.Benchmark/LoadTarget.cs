namespace PandaMcp.Benchmark;

/// <summary>
/// A way to call the tool: its name in the report, how a worker connects, the server processes whose CPU time is
/// charged to the calls (none for direct REST, where the emulator is the only server), and the Redis whose writes
/// are counted (none where the cluster keeps no state in Redis).
/// </summary>
public sealed record LoadTarget(
    string Name,
    IReadOnlyList<ChildProcess> Servers,
    Func<CancellationToken, Task<ICaller>> ConnectAsync,
    RedisProcess? Redis = null);
