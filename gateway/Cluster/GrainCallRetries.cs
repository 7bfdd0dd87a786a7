using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Gateway.Cluster;

/// <summary>
/// Grain calls made again when the cluster lost or turned them away. While a silo leaves (a graceful stop, a rolling
/// restart) or after one died, a message for a grain it held is rejected, or lost with it, and the grain answers from
/// another silo a moment later: a graceful leave hands the directory over within a few hundred milliseconds, a silo
/// that died is declared dead within seconds (until then its grains' calls fail at once). Up to six attempts, after
/// 0.1, 0.3, 1, 2 and 4 s: a handover is covered by the first two, a death by the rest, and a cluster that stays
/// down is answered 503 after 7.4 s.
/// A rejected message was not processed, so any call may be made again. A call to a silo that died, or one that
/// timed out (a session lookup waits <see cref="ISessionGrain.LookupTimeout"/>), may have been processed: only calls
/// that are safe to repeat are made again then (a lookup, a touch, an end, opening a stream, and a tool call that
/// reads: PanDA's GET endpoints change nothing).
/// </summary>
public static class GrainCallRetries
{
    private static readonly TimeSpan[] Pauses =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>A call that may change something: made again only when it was rejected unprocessed.</summary>
    public static Task<T> RetryAsync<TState, T>(TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(state, call, static e => e is OrleansMessageRejectionException and not SiloUnavailableException, cancellationToken);

    /// <summary>A call that changes nothing when repeated: made again also when its silo went away or it timed out.</summary>
    public static Task<T> RetryRepeatableAsync<TState, T>(TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(state, call, static e => e is OrleansMessageRejectionException or TimeoutException, cancellationToken);

    /// <summary>A grain call that runs <paramref name="tool"/>: repeatable when it reads.</summary>
    public static Task<T> RetryToolCallAsync<TState, T>(PandaCall tool, TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken) =>
        HttpMethods.IsGet(tool.Method) ? RetryRepeatableAsync(state, call, cancellationToken) : RetryAsync(state, call, cancellationToken);

    private static async Task<T> RunAsync<TState, T>(TState state, Func<TState, Task<T>> call, Func<Exception, bool> again, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(state).WaitAsync(cancellationToken);
            }
            catch (Exception e) when (attempt < Pauses.Length && again(e))
            {
                await Task.Delay(Pauses[attempt], cancellationToken);
            }
        }
    }
}
