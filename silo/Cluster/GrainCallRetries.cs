using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Silo.Cluster;

/// <summary>
/// Grain calls made again when the cluster lost or turned them away. While a silo leaves (a graceful stop, a rolling
/// restart) or after one died, a message for a grain it held is rejected, or lost with it, and the grain answers from
/// another silo a moment later: a graceful leave hands the directory over within a few hundred milliseconds, a silo
/// that died is declared dead after Orleans' missed probes, about 15 s with its defaults (14 s in the soak; until
/// then its grains' calls fail at once). Up to nine attempts, after 0.1, 0.3, 1, 2, 4, 4, 4 and 4 s: a handover is
/// covered by the first two, a death by the rest, and a cluster that stays down is answered 503 after 19.4 s.
/// A rejected message was not processed, so any call may be made again. A call to a silo that died, one that timed
/// out (a session lookup waits <see cref="ISessionGrain.LookupTimeout"/>), and one still out <see cref="LossGrace"/>
/// after a connection of the cluster client was lost (<see cref="ClusterConnectionLosses"/>) may have been processed:
/// only calls that are safe to repeat are made again then (a lookup, a touch, an end, opening a stream, and a tool
/// call that reads: PanDA's GET endpoints change nothing).
/// </summary>
/// <param name="losses">The cluster client's lost connections; none with a silo in the gateway's own process.</param>
public sealed class GrainCallRetries(ClusterConnectionLosses? losses, TimeProvider time)
{
    /// <summary>
    /// How long a call still out when a connection was lost may take to be answered before it is made again: answers
    /// on their way through another connection arrive within milliseconds. A read that takes PanDA longer reaches
    /// PanDA a second time.
    /// </summary>
    public static readonly TimeSpan LossGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most times one attempt is sent again after losses: one loss makes up to five (one a grace while the routes
    /// are unsettled), and a rolling restart closes a connection per silo.
    /// </summary>
    private const int MaxResendsPerAttempt = 10;

    private static readonly TimeSpan[] Pauses =
    [
        TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
        TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4),
    ];

    /// <summary>A call that may change something: made again only when it was rejected unprocessed.</summary>
    public Task<T> RetryAsync<TState, T>(TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(state, call, repeatable: false, cancellationToken);

    /// <summary>A call that changes nothing when repeated: made again also when its silo went away or it timed out.</summary>
    public Task<T> RetryRepeatableAsync<TState, T>(TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(state, call, repeatable: true, cancellationToken);

    /// <summary>A grain call that runs <paramref name="tool"/>: repeatable when it reads.</summary>
    public Task<T> RetryToolCallAsync<TState, T>(PandaCall tool, TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(state, call, repeatable: tool.IsRead, cancellationToken);

    private async Task<T> RunAsync<TState, T>(TState state, Func<TState, Task<T>> call, bool repeatable, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return repeatable && losses is not null
                    ? await ResentAfterLossesAsync(losses, state, call, cancellationToken)
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
    /// One attempt of a repeatable call, sent again when a connection of the client was lost while it was out (or just
    /// before it was sent) and it stays unanswered <see cref="LossGrace"/> later. A send made again is as exposed as
    /// the first (the soak saw both lost in the second after a loss): it too is sent again a grace later while the
    /// routes are unsettled.
    /// </summary>
    private async Task<T> ResentAfterLossesAsync<TState, T>(
        ClusterConnectionLosses losses, TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken)
    {
        var loss = losses.NextOrRecent;
        var pending = call(state);
        for (var resent = 0; resent < MaxResendsPerAttempt; resent++)
        {
            if (await Task.WhenAny(pending, loss).WaitAsync(cancellationToken) == pending
                || await Task.WhenAny(pending, Task.Delay(LossGrace, time, cancellationToken)) == pending)
            {
                break;
            }
            cancellationToken.ThrowIfCancellationRequested();
            // The first send may still be answered (or fail at its response timeout) after this one: nobody waits for it.
            pending.Abandon();
            loss = losses.NextOrRecent;
            pending = call(state);
        }
        return await pending.WaitAsync(cancellationToken);
    }
}
