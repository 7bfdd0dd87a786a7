namespace PandaMcp.Benchmark;

/// <summary>
/// The Redis writes of one measurement, by command: while its sessions were initialized (one per worker, before
/// any call), and inside its measured window.
/// </summary>
public sealed record RedisWriteCounts(
    int Initializes,
    IReadOnlyDictionary<string, long> WhileInitializing,
    IReadOnlyDictionary<string, long> InWindow)
{
    public double PerInitialize => (double)WhileInitializing.Values.Sum() / Initializes;

    public double PerCall(int calls) => calls > 0 ? (double)InWindow.Values.Sum() / calls : double.NaN;
}
