namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// One MCP session of a 2024-11-05 to 2025-11-25 client, keyed by its session id. It holds what is known of the
/// session (persisted), its SSE streams (in memory), and runs its tool calls, so that an answer is kept even when
/// the gateway that asked is gone. Each gateway request of a session is one call of this grain. Every method
/// answers as if the session did not exist when the caller is another identity or comes through another transport.
/// </summary>
[Alias("panda.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>
    /// How long the gateway waits for a lookup of a session (touch, exists, end, log level): it takes milliseconds,
    /// or a Redis write; one that has not answered in 10 s was lost with a silo that left, and the gateway makes it
    /// again instead of waiting for the cluster's response timeout (PanDA's timeout, minutes).
    /// </summary>
    const string LookupTimeout = "00:00:10";

    /// <summary>
    /// How long the gateway waits for <see cref="CallToolAsync"/>: it answers within the session's answer time (a
    /// minute at most) and streams the rest, so one that has not answered in 75 s was lost with a silo, and is made
    /// again when it reads, instead of hanging for PanDA's timeout.
    /// </summary>
    const string CallTimeout = "00:01:15";

    /// <summary>Starts the session, within its owner's limit of sessions.</summary>
    [Alias("Start")]
    Task<SessionStartOutcome> StartAsync(SessionStart start);

    /// <summary>Marks the session used now; false when it does not exist, ended, expired or is not the caller's.</summary>
    [Alias("Touch")]
    [ResponseTimeout(LookupTimeout)]
    Task<bool> TouchAsync(SessionCaller caller);

    /// <summary>Whether the session still exists (an idle one past its time is ended now), without marking it used.</summary>
    [Alias("Exists")]
    [ResponseTimeout(LookupTimeout)]
    Task<bool> ExistsAsync();

    /// <summary>Ends the session (DELETE, or a legacy stream closed). False when there was no such session for the caller.</summary>
    [Alias("End")]
    [ResponseTimeout(LookupTimeout)]
    Task<bool> EndAsync(SessionCaller caller);

    /// <summary>Keeps the level a client asked for with logging/setLevel; false as <see cref="TouchAsync"/>.</summary>
    [Alias("SetLogLevel")]
    [ResponseTimeout(LookupTimeout)]
    Task<bool> SetLogLevelAsync(SessionCaller caller, string level);

    /// <summary>
    /// Makes a tool call's REST call. When PanDA answers within the session's answer time the reply comes back
    /// here; otherwise the call goes on in this grain and its answer becomes an event of a stream (with progress
    /// notifications before it when the client gave a progress token), which the client reads or resumes from
    /// any gateway. The call runs to its end even if the caller goes away: PanDA may act on it.
    /// </summary>
    [Alias("CallTool")]
    [ResponseTimeout(CallTimeout)]
    Task<SessionCallOutcome> CallToolAsync(SessionCaller caller, SessionToolCall call);

    /// <summary>Sends a JSON-RPC message on the session's listening stream (a legacy session's one stream); false as <see cref="TouchAsync"/>.</summary>
    [Alias("Post")]
    Task<bool> PostAsync(SessionCaller caller, string messageJson);

    /// <summary>
    /// Opens a stream for what the server sends on its own (GET without Last-Event-ID, or a legacy session's
    /// stream) and follows it. While a stream is followed, the session does not expire.
    /// </summary>
    [Alias("Listen")]
    IAsyncEnumerable<SessionStreamItem> ListenAsync(SessionCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Replays the stream of event <paramref name="afterSequence"/> after it, then follows it until it ends.</summary>
    [Alias("Resume")]
    IAsyncEnumerable<SessionStreamItem> ResumeAsync(SessionCaller caller, long afterSequence, CancellationToken cancellationToken = default);
}
