using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Cluster;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// A stream of a session being read: its first item (opened, or why not), then the rest as the grain pushes them.
/// Orleans' client can lose the call that awaits the grain's next item, like any call on its way when a connection
/// to a silo is lost (<see cref="ClusterConnectionLosses"/>), and would wait for it until the call's response timeout.
/// So when nothing came <see cref="GrainCallRetries.LossGrace"/> after a loss, the stream is opened again after the
/// last event read, wherever the session now is; and reading stops as soon as its token fires.
/// </summary>
public sealed class SessionStreamReader : IAsyncDisposable
{
    /// <summary>How long the end of the grain's side of the stream is waited for; the grain's side goes with its activation anyway.</summary>
    public static readonly TimeSpan EndWithin = TimeSpan.FromSeconds(2);

    private readonly Items _items;

    /// <param name="first">The stream's first item: its start, or why it did not open.</param>
    /// <param name="grainSide">The grain's side of the stream: the items after <paramref name="first"/>.</param>
    /// <param name="reopenAfter">Opens the stream again after an event: ResumeAsync of the session.</param>
    /// <param name="retries">Tells when a connection to the cluster was lost.</param>
    /// <param name="cancellationToken">Ends the reading.</param>
    public SessionStreamReader(
        SessionStreamItem first,
        IAsyncEnumerator<SessionStreamItem> grainSide,
        Func<long, CancellationToken, Task<(SessionStreamItem First, IAsyncEnumerator<SessionStreamItem> Following)>> reopenAfter,
        GrainCallRetries retries,
        CancellationToken cancellationToken)
    {
        First = first;
        _items = new Items(grainSide, first.Event?.Sequence, reopenAfter, retries, cancellationToken);
    }

    public SessionStreamItem First { get; }

    /// <summary>The items after <see cref="First"/>.</summary>
    public IAsyncEnumerator<SessionStreamItem> Rest => _items;

    public ValueTask DisposeAsync() => new(EndAsync(_items.GrainSide));

    /// <summary>Ends the grain's side, waiting at most <see cref="EndWithin"/>: a silo that went away may never answer.</summary>
    private static async Task EndAsync(IAsyncEnumerator<SessionStreamItem> grainSide)
    {
        var end = grainSide.DisposeAsync().AsTask();
        try
        {
            await end.WaitAsync(EndWithin);
        }
        catch (TimeoutException) when (!end.IsCompleted)
        {
            end.Abandon();
        }
    }

    private sealed class Items(
        IAsyncEnumerator<SessionStreamItem> grainSide,
        long? lastSequence,
        Func<long, CancellationToken, Task<(SessionStreamItem First, IAsyncEnumerator<SessionStreamItem> Following)>> reopenAfter,
        GrainCallRetries retries,
        CancellationToken cancellationToken) : IAsyncEnumerator<SessionStreamItem>
    {
        private bool _settled;

        public IAsyncEnumerator<SessionStreamItem> GrainSide { get; private set; } = grainSide;

        public SessionStreamItem Current => GrainSide.Current;

        public async ValueTask<bool> MoveNextAsync()
        {
            while (true)
            {
                // The first wait also counts a loss just before it: the stream was opened while the client re-routed.
                var loss = retries.LossAfterNow(orRecent: !_settled);
                _settled = true;
                var next = GrainSide.MoveNextAsync();
                if (next.IsCompleted)
                {
                    return Read(await next);
                }
                var pending = next.AsTask();
                bool unanswered;
                try
                {
                    unanswered = await retries.UnansweredAfterAsync(pending, loss, cancellationToken) && lastSequence is not null;
                }
                catch (OperationCanceledException) when (!pending.IsCompleted)
                {
                    pending.Abandon();
                    throw;
                }
                if (!unanswered)
                {
                    return Read(await pending.WaitAsync(cancellationToken));
                }
                pending.Abandon();
                _ = EndAsync(GrainSide);
                var (first, rest) = await reopenAfter(lastSequence!.Value, cancellationToken);
                GrainSide = rest;
                if (first.Status != SessionStreamStatus.Opened)
                {
                    throw new SiloUnavailableException("The silo that held the session's stream is gone, and the stream with it.");
                }
            }
        }

        /// <summary>The reader ends the grain's side.</summary>
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private bool Read(bool moved)
        {
            if (moved && GrainSide.Current.Event is { } added)
            {
                lastSequence = added.Sequence;
            }
            return moved;
        }
    }
}
