namespace PandaMcp.Contracts.Sessions;

/// <summary>The transport a session was opened on: its requests are served on that transport only.</summary>
[GenerateSerializer, Alias("panda.SessionTransport")]
public enum SessionTransport
{
    /// <summary>Streamable HTTP (2025-03-26 to 2025-11-25): <c>initialize</c> at /mcp, then <c>Mcp-Session-Id</c>.</summary>
    StreamableHttp = 0,

    /// <summary>The 2024-11-05 HTTP+SSE transport: <c>GET /sse</c>, then <c>POST /messages/?session_id=</c>.</summary>
    LegacySse = 1,
}
