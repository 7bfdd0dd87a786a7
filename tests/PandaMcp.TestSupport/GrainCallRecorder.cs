using System.Collections.Concurrent;

namespace PandaMcp.Testing;

/// <summary>
/// Every grain call a silo receives, as "Interface.Method" with the grain's key: lets a test check how many
/// cluster round trips a request costs.
/// </summary>
public sealed class GrainCallRecorder : IIncomingGrainCallFilter
{
    private readonly ConcurrentQueue<(string Key, string Call)> _calls = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        _calls.Enqueue((context.TargetId.Key.ToString() ?? "", $"{context.InterfaceName}.{context.MethodName}"));
        await context.Invoke();
    }

    /// <summary>The calls received by the grain with this key, in order.</summary>
    public IReadOnlyList<string> CallsTo(string key) => _calls.Where(c => c.Key == key).Select(c => c.Call).ToList();
}
