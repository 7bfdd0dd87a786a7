namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// One MCP session of a 2024-11-05 to 2025-11-25 client, keyed by its <c>Mcp-Session-Id</c>. It holds what a
/// gateway needs to serve the session's next request (persisted), the session's SSE event log (in memory), and
/// runs the session's tool calls, so that their results are kept even when the gateway that asked is gone.
/// Every method that takes an identity answers as if the session did not exist when the identity differs.
/// </summary>
[Alias("panda.ISessionGrain")]
public interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Records a session a gateway has just initialized. False if it already exists.</summary>
    [Alias("Start")]
    Task<bool> StartAsync(SessionStart start);

    /// <summary>Marks the session used now; null when it does not exist, ended, expired or is another identity's.</summary>
    [Alias("Touch")]
    Task<SessionView?> TouchAsync(string identity);

    /// <summary>Whether the session still exists (an idle one past its time is ended now), without marking it used.</summary>
    [Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>Ends the session (DELETE). False when there was no such session for this identity.</summary>
    [Alias("End")]
    Task<bool> EndAsync(string identity);

    /// <summary>Keeps the level a client asked for with logging/setLevel.</summary>
    [Alias("SetLogLevel")]
    Task SetLogLevelAsync(string level);

    /// <summary>
    /// Makes a tool call's REST call and records its result in the event log of the stream that asked for it.
    /// The call runs to its end even if the caller goes away: PanDA may act on it, so its answer is kept.
    /// </summary>
    [Alias("CallTool")]
    Task<SessionToolReply> CallToolAsync(SessionToolCall call);

    /// <summary>Adds an event to a stream of the session and returns it with its id (see <see cref="SessionEvent"/>).</summary>
    [Alias("Append")]
    Task<SessionEvent> AppendAsync(string streamId, SessionEventData data);

    /// <summary>The writer of a stream is done with it: readers stop at its end.</summary>
    [Alias("CompleteStream")]
    Task CompleteStreamAsync(string streamId);

    /// <summary>The stream an event id belongs to; null when the event is unknown or no longer kept.</summary>
    [Alias("StreamOf")]
    Task<string?> StreamOfAsync(long sequence);

    /// <summary>
    /// The events of a stream after <paramref name="afterSequence"/>; when there are none yet and the stream
    /// goes on, waits up to <paramref name="wait"/> for the next ones. Read from its start (0), a stream this
    /// session has no event of yet is waited for too: its POST's call may not have reached the grain yet.
    /// </summary>
    [Alias("Read")]
    Task<SessionEventBatch> ReadAsync(string streamId, long afterSequence, TimeSpan wait);
}
