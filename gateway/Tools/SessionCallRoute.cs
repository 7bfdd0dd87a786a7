namespace PandaMcp.Gateway.Tools;

/// <summary>
/// A tool call made in a session: it runs in the session's grain, which keeps its answer in the event log of
/// the POST's stream (named after the JSON-RPC request id), so a client can get it from any gateway.
/// </summary>
public sealed record SessionCallRoute(string SessionId, string StreamId, string RequestIdJson);
