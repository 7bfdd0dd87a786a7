using PandaMcp.Contracts.Sessions;
using PandaMcp.Silo.Cluster;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// A stream of a session being read: its first item (opened, or why not), then the rest as the grain pushes them.
/// Reading stops when its cancellation token fires, even while the grain's next item is awaited: Orleans' client
/// may have lost the call that awaits it (a silo that left or died), and would wait for it until the call's
/// response timeout, holding the request (and a gateway's stop) that long.
/// </summary>
public sealed class SessionStreamReader : IAsyncDisposable
{
    /// <summary>How long the end of the grain's side of the stream is waited for; the grain's side goes with its activation anyway.</summary>
    public static readonly TimeSpan EndWithin = TimeSpan.FromSeconds(2);

    private readonly IAsyncEnumerator<SessionStreamItem> _grainSide;

    public SessionStreamReader(SessionStreamItem first, IAsyncEnumerator<SessionStreamItem> grainSide, CancellationToken cancellationToken)
    {
        First = first;
        _grainSide = grainSide;
        Rest = new Items(grainSide, cancellationToken);
    }

    public SessionStreamItem First { get; }

    /// <summary>The items after <see cref="First"/>.</summary>
    public IAsyncEnumerator<SessionStreamItem> Rest { get; }

    public async ValueTask DisposeAsync()
    {
        var end = _grainSide.DisposeAsync().AsTask();
        try
        {
            await end.WaitAsync(EndWithin);
        }
        catch (TimeoutException) when (!end.IsCompleted)
        {
            end.Abandon();
        }
    }

    private sealed class Items(IAsyncEnumerator<SessionStreamItem> grainSide, CancellationToken cancellationToken) : IAsyncEnumerator<SessionStreamItem>
    {
        public SessionStreamItem Current => grainSide.Current;

        public async ValueTask<bool> MoveNextAsync()
        {
            var next = grainSide.MoveNextAsync();
            if (next.IsCompleted)
            {
                return await next;
            }
            var pending = next.AsTask();
            try
            {
                return await pending.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (!pending.IsCompleted)
            {
                pending.Abandon();
                throw;
            }
        }

        /// <summary>The reader ends the grain's side.</summary>
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
