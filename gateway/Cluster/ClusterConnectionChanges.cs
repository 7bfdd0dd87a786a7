namespace PandaMcp.Gateway.Cluster;

/// <summary>
/// Tells the gateway's grain calls when the connections of its cluster client to the silos change: one closed (its
/// silo left, or died), or one opened (the client found a silo that joined, and routes some grains' messages through
/// it from then on). A call whose request or answer was on its way while the routes changed can be lost, and Orleans'
/// client then waits for its answer until its response timeout, minutes for a tool call, without failing it
/// (dotnet/orleans#5209, #6440; seen in the soak while silos restart). <see cref="GrainCallRetries"/> sends the calls
/// that are safe to repeat again instead.
/// </summary>
public sealed class ClusterConnectionChanges(TimeProvider time) : IClusterConnectionStatusObserver
{
    /// <summary>How long after a change the routes count as changing: the client refreshes its gateways and reconnects within it.</summary>
    public static readonly TimeSpan Unsettled = TimeSpan.FromSeconds(5);

    private TaskCompletionSource _next = NewSignal();
    private long _lastChange = long.MinValue;

    /// <summary>Completes when the connections change next.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>
    /// <see cref="Next"/>, or a completed task when the connections changed within <see cref="Unsettled"/>: a call
    /// sent now is exposed to that change too.
    /// </summary>
    public Task NextOrRecent
    {
        get
        {
            var last = Volatile.Read(ref _lastChange);
            return last != long.MinValue && time.GetElapsedTime(last) < Unsettled ? Task.CompletedTask : Next;
        }
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) => Signal();

    public void NotifyClusterConnectionLost() => Signal();

    private void Signal()
    {
        Volatile.Write(ref _lastChange, time.GetTimestamp());
        Interlocked.Exchange(ref _next, NewSignal()).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
