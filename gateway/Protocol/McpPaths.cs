namespace PandaMcp.Gateway.Protocol;

/// <summary>Where the gateway serves MCP: the paths PanDA's own MCP server uses, which its Apache rules forward.</summary>
public static class McpPaths
{
    /// <summary>Streamable HTTP (and <c>/mcp/</c>, which routing serves alike).</summary>
    public const string Mcp = "/mcp";

    /// <summary>The 2024-11-05 HTTP+SSE transport's stream.</summary>
    public const string LegacyStream = "/sse";

    /// <summary>Where clients of the 2024-11-05 transport POST their messages, with <c>?session_id=</c>.</summary>
    public const string LegacyMessages = "/messages/";

    public static bool IsMcp(PathString path) => path.StartsWithSegments(Mcp) || IsLegacy(path);

    public static bool IsLegacy(PathString path) =>
        path.StartsWithSegments(LegacyStream) || path.StartsWithSegments(LegacyMessages.TrimEnd('/'));
}
