using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Cluster;

namespace PandaMcp.Gateway.Sessions;

/// <summary>A stream of a session being read: its first item (opened, or why not), then the rest as the grain pushes them.</summary>
public sealed class SessionStreamReader(SessionStreamItem first, IAsyncEnumerator<SessionStreamItem> rest) : IAsyncDisposable
{
    /// <summary>
    /// How long the end of the grain's side of the stream is waited for. A silo that left or died may never answer
    /// it, and Orleans' client would wait until the call's response timeout, holding the request (and a gateway's
    /// stop) that long; the grain's side goes with its activation anyway.
    /// </summary>
    public static readonly TimeSpan EndWithin = TimeSpan.FromSeconds(2);

    public SessionStreamItem First => first;

    /// <summary>The items after <see cref="First"/>.</summary>
    public IAsyncEnumerator<SessionStreamItem> Rest => rest;

    public async ValueTask DisposeAsync()
    {
        var end = rest.DisposeAsync().AsTask();
        try
        {
            await end.WaitAsync(EndWithin);
        }
        catch (TimeoutException) when (!end.IsCompleted)
        {
            end.Abandon();
        }
    }
}
