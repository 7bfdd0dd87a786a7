using PandaMcp.Contracts.Sessions;
using PandaMcp.Silo.Cluster;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// A session as a gateway reaches it: its grain, called for one caller through one transport, each call made again
/// when the cluster lost or turned it away and it is safe to (<see cref="GrainCallRetries"/>).
/// </summary>
public sealed class ClusterSession(IGrainFactory grains, GrainCallRetries retries, string sessionId, SessionCaller caller)
{
    private readonly ISessionGrain _grain = grains.GetSessionGrain(sessionId);

    public string Id => sessionId;

    /// <summary>How logs name the session: its grain key, never its id (<see cref="SessionGrains"/>).</summary>
    public string LogName => SessionGrains.KeyOf(sessionId);

    public SessionCaller Caller => caller;

    public Task<SessionStartOutcome> StartAsync(string initializeParamsJson, string protocolVersion, CancellationToken cancellationToken) =>
        retries.RetryAsync((_grain, Start: new SessionStart(caller, initializeParamsJson, protocolVersion)),
            static s => s._grain.StartAsync(s.Start), cancellationToken);

    public Task<bool> TouchAsync(CancellationToken cancellationToken) =>
        retries.RetryRepeatableAsync((_grain, caller), static s => s._grain.TouchAsync(s.caller), cancellationToken);

    public Task<bool> EndAsync(CancellationToken cancellationToken) =>
        retries.RetryRepeatableAsync((_grain, caller), static s => s._grain.EndAsync(s.caller), cancellationToken);

    public Task<bool> SetLogLevelAsync(string level, CancellationToken cancellationToken) =>
        retries.RetryRepeatableAsync((_grain, caller, level), static s => s._grain.SetLogLevelAsync(s.caller, s.level), cancellationToken);

    public Task<SessionCallOutcome> CallToolAsync(SessionToolCall call, CancellationToken cancellationToken) =>
        retries.RetryToolCallAsync(call.Call, (_grain, caller, call), static s => s._grain.CallToolAsync(s.caller, s.call), cancellationToken);

    public Task<bool> PostAsync(string messageJson, CancellationToken cancellationToken) =>
        retries.RetryAsync((_grain, caller, messageJson), static s => s._grain.PostAsync(s.caller, s.messageJson), cancellationToken);

    /// <summary>Opens a stream for what the server sends on its own; its first item says whether it opened.</summary>
    public Task<SessionStreamReader> ListenAsync(CancellationToken cancellationToken) =>
        OpenAsync((_grain, caller), static (s, token) => s._grain.ListenAsync(s.caller, token), cancellationToken);

    /// <summary>Opens the stream of event <paramref name="afterSequence"/> after it; its first item says whether it opened.</summary>
    public Task<SessionStreamReader> ResumeAsync(long afterSequence, CancellationToken cancellationToken) =>
        OpenAsync((_grain, caller, afterSequence), static (s, token) => s._grain.ResumeAsync(s.caller, s.afterSequence, token), cancellationToken);

    private Task<SessionStreamReader> OpenAsync<TState>(
        TState state, Func<TState, CancellationToken, IAsyncEnumerable<SessionStreamItem>> open, CancellationToken cancellationToken) =>
        retries.RetryRepeatableAsync((state, open, cancellationToken), static async s =>
        {
            var items = s.open(s.state, s.cancellationToken).GetAsyncEnumerator(s.cancellationToken);
            try
            {
                var first = await items.MoveNextAsync() ? items.Current : SessionStreamItem.NotFound;
                return new SessionStreamReader(first, items, s.cancellationToken);
            }
            catch
            {
                await items.DisposeAsync();
                throw;
            }
        }, cancellationToken);
}
