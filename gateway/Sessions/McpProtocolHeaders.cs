namespace PandaMcp.Gateway.Sessions;

/// <summary>What a request's MCP headers say about sessions (the SDK's own test for this is internal).</summary>
public static class McpProtocolHeaders
{
    public const string ProtocolVersion = "MCP-Protocol-Version";
    private const string FirstSessionlessVersion = "2026-07-28";

    /// <summary>2026-07-28 and later have no sessions: such requests are served statelessly by any gateway.</summary>
    public static bool IsSessionless(HttpRequest request) =>
        request.Headers[ProtocolVersion].ToString() is { Length: 10 } version
        && string.CompareOrdinal(version, FirstSessionlessVersion) >= 0;
}
