namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// Session grain calls, made again when the cluster turned them away. While a silo leaves (a graceful stop, a rolling
/// restart), a message for a grain it held is rejected and the grain answers from another silo a moment later: the
/// directory hands it over within a few hundred milliseconds. Three attempts, 0.1 s and 0.3 s apart: enough for a
/// handover, short enough that a cluster that stays down is answered 503 at once. A rejected message was not
/// processed, so any call may be made again; a call to a silo declared dead may have been, so only calls that change
/// nothing when repeated (a lookup, a touch, an end, opening a stream) are made again then.
/// </summary>
public static class RejectedCalls
{
    private static readonly TimeSpan[] Pauses = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300)];

    /// <summary>A call that may act on PanDA: made again only when it was rejected unprocessed.</summary>
    public static Task<T> RetryAsync<TState, T>(TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(state, call, static e => e is OrleansMessageRejectionException and not SiloUnavailableException, cancellationToken);

    /// <summary>A call that changes nothing when repeated: made again also when its silo was declared dead.</summary>
    public static Task<T> RetryRepeatableAsync<TState, T>(TState state, Func<TState, Task<T>> call, CancellationToken cancellationToken) =>
        RunAsync(state, call, static e => e is OrleansMessageRejectionException, cancellationToken);

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
