using ModelContextProtocol.Protocol;

namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// The protocol's names and numbers the gateway uses beyond the SDK's public constants (<see cref="MetaKeys"/>,
/// <see cref="RequestMethods"/>, <see cref="NotificationMethods"/>, <c>McpErrorCode</c>), so that each is written
/// once. The headers and revisions are here because the SDK keeps its own lists of them internal.
/// </summary>
public static class McpProtocol
{
    public const string JsonRpcVersion = "2.0";

    public const string SessionIdHeader = "Mcp-Session-Id";

    public const string ProtocolVersionHeader = "MCP-Protocol-Version";

    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>2026-07-28: the method of a POST's message, repeated as a header for proxies.</summary>
    public const string MethodHeader = "Mcp-Method";

    /// <summary>2026-07-28: the tool (or other named thing) a POST's message is about.</summary>
    public const string NameHeader = "Mcp-Name";

    public const string JsonMediaType = "application/json";

    public const string EventStreamMediaType = "text/event-stream";

    /// <summary>JSON-RPC's code for errors a server defines; the HTTP status tells them apart.</summary>
    public const int ServerError = -32000;

    /// <summary>What MCP's SDKs answer, with 404, to a request of a session they do not know.</summary>
    public const int SessionNotFound = -32001;

    /// <summary>The <c>_meta</c> key of a request's progress token.</summary>
    public const string ProgressTokenMeta = "progressToken";

    /// <summary>The 2024-11-05 revision, whose HTTP+SSE transport the gateway serves at /sse.</summary>
    public const string LegacySseVersion = "2024-11-05";

    /// <summary>The newest revision with sessions: what a session client gets when it asks for a revision this server does not know.</summary>
    public const string LatestSessionVersion = "2025-11-25";

    /// <summary>The first revision without sessions (and without initialize): each request carries what it needs.</summary>
    public const string SessionlessVersion = "2026-07-28";

    /// <summary>The revisions whose clients start a session with initialize.</summary>
    public static readonly string[] SessionVersions = [LegacySseVersion, "2025-03-26", "2025-06-18", LatestSessionVersion];

    /// <summary>Every revision the gateway speaks, oldest first.</summary>
    public static readonly string[] Versions = [.. SessionVersions, SessionlessVersion];

    /// <summary>2026-07-28 and later have no sessions: such requests are served without one, by any gateway.</summary>
    public static bool IsSessionless(string protocolVersion) =>
        protocolVersion.Length == SessionlessVersion.Length && string.CompareOrdinal(protocolVersion, SessionlessVersion) >= 0;

    public static bool HasSessions(string protocolVersion) => SessionVersions.Contains(protocolVersion);
}
