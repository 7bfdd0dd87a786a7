namespace PandaMcp.Silo.Cluster;

/// <summary>
/// Tells the gateway's grain calls when a connection of its cluster client to a silo closed (the silo left, or
/// died). A call whose request or answer was on its way through it, or was sent while the client re-routed its
/// grains' messages in the seconds after, can be lost, and Orleans' client then waits for its answer until its
/// response timeout, minutes for a tool call, without failing it (dotnet/orleans#5209, #6440; seen in the soak while
/// silos restart: the client marks a silo's gateway dead and refreshes its list a few seconds after the silo left).
/// <see cref="GrainCallRetries"/> sends the calls that are safe to repeat again instead. A connection that opens
/// loses nothing: the client opens them as its grains' messages need them.
/// </summary>
public sealed class ClusterConnectionLosses(TimeProvider time) : IClusterConnectionStatusObserver
{
    /// <summary>How long after a loss the routes count as changing: the client refreshes its gateways and re-routes within it.</summary>
    public static readonly TimeSpan Unsettled = TimeSpan.FromSeconds(5);

    private TaskCompletionSource _next = NewSignal();
    private long _lastLoss = long.MinValue;

    /// <summary>Completes when a connection is lost next.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>
    /// <see cref="Next"/>, or a completed task when a connection was lost within <see cref="Unsettled"/>: a call sent
    /// now is exposed to that loss too.
    /// </summary>
    public Task NextOrRecent
    {
        get
        {
            var last = Volatile.Read(ref _lastLoss);
            return last != long.MinValue && time.GetElapsedTime(last) < Unsettled ? Task.CompletedTask : Next;
        }
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways < previousNumberOfGateways)
        {
            Signal();
        }
    }

    public void NotifyClusterConnectionLost() => Signal();

    private void Signal()
    {
        Volatile.Write(ref _lastLoss, time.GetTimestamp());
        Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
