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
/// A rejected message was not processed, so any call may be made again. A call to a silo that died, one that timed
/// out (a session lookup waits <see cref="ISessionGrain.LookupTimeout"/>), and one still out <see cref="LossGrace"/>
/// after the cluster client's connections changed (<see cref="ClusterConnectionChanges"/>) may have been processed:
/// only calls that are safe to repeat are made again then (a lookup, a touch, an end, opening a stream, and a tool
/// call that reads: PanDA's GET endpoints change nothing).
/// </summary>
/// <param name="changes">The cluster client's connection changes; none with a silo in the gateway's own process.</param>
public sealed class GrainCallRetries(ClusterConnectionChanges? changes, TimeProvider time)
{
    /// <summary>
    /// How long a call still out when the connections changed may take to be answered before it is made again: answers
    /// on their way through another connection arrive within milliseconds. A read that takes PanDA longer reaches
    /// PanDA a second time.
    /// </summary>
    public static readonly TimeSpan LossGrace = TimeSpan.FromSeconds(1);

    /// <summary>The most times one attempt is sent again after changes (a rolling restart closes and opens one per silo).</summary>
    private const int MaxResendsPerAttempt = 4;

    private static readonly TimeSpan[] Pauses =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)];

    /// <summary>A call that may change something: made again only when it was rejected unprocessed.</summary>
    public Task<T> RetryAsync<TState, T>(TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(state, call, repeatable: false, cancellationToken);

    /// <summary>A call that changes nothing when repeated: made again also when its silo went away or it timed out.</summary>
    public Task<T> RetryRepeatableAsync<TState, T>(TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(state, call, repeatable: true, cancellationToken);

    /// <summary>A grain call that runs <paramref name="tool"/>: repeatable when it reads.</summary>
    public Task<T> RetryToolCallAsync<TState, T>(PandaCall tool, TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(state, call, repeatable: HttpMethods.IsGet(tool.Method), cancellationToken);

    private async Task<T> RunAsync<TState, T>(TState state, Func<TState, Task<T>> call, bool repeatable, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return repeatable && changes is not null
                    ? await ResentAfterChangesAsync(changes, state, call, cancellationToken)
                    : await call(state).WaitAsync(cancellationToken);
            }
            catch (Exception e) when (attempt < Pauses.Length && MayRepeat(e, repeatable))
            {
                await Task.Delay(Pauses[attempt], time, cancellationToken);
            }
        }
    }

    /// <summary>A rejected call was not processed; one whose silo went away or that timed out may have been.</summary>
    private static bool MayRepeat(Exception failure, bool repeatable) => failure switch
    {
        SiloUnavailableException or TimeoutException => repeatable,
        OrleansMessageRejectionException => true,
        _ => false,
    };

    /// <summary>
    /// One attempt of a repeatable call, sent again when the client's connections changed while it was out (or just
    /// before it was sent) and it stays unanswered <see cref="LossGrace"/> later.
    /// </summary>
    private async Task<T> ResentAfterChangesAsync<TState, T>(ClusterConnectionChanges changes, TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken)
    {
        var change = changes.NextOrRecent;
        var pending = call(state);
        for (var resent = 0; resent < MaxResendsPerAttempt; resent++)
        {
            if (await Task.WhenAny(pending, change).WaitAsync(cancellationToken) == pending
                || await Task.WhenAny(pending, Task.Delay(LossGrace, time, cancellationToken)) == pending)
            {
                break;
            }
            cancellationToken.ThrowIfCancellationRequested();
            // The first send may still be answered (or fail at its response timeout) after this one: nobody waits for it.
            pending.Abandon();
            change = changes.Next;
            pending = call(state);
        }
        return await pending.WaitAsync(cancellationToken);
    }
}
