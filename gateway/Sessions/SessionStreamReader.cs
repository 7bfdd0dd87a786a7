using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Gateway.Sessions;

/// <summary>A stream of a session being read: its first item (opened, or why not), then the rest as the grain pushes them.</summary>
public sealed class SessionStreamReader(SessionStreamItem first, IAsyncEnumerator<SessionStreamItem> rest) : IAsyncDisposable
{
    public SessionStreamItem First => first;

    /// <summary>The items after <see cref="First"/>.</summary>
    public IAsyncEnumerator<SessionStreamItem> Rest => rest;

    public ValueTask DisposeAsync() => rest.DisposeAsync();
}
