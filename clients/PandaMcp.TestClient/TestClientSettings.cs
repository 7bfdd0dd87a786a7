namespace PandaMcp.TestClient;

/// <summary>What one run of the test client does, from its command line.</summary>
/// <param name="Sse">True for the legacy HTTP+SSE transport, false for Streamable HTTP.</param>
/// <param name="Endpoint">The MCP endpoint: <c>/mcp/</c> for Streamable HTTP, <c>/sse</c> for SSE, unless <c>--url</c> says otherwise.</param>
/// <param name="Tool">The tool to call, with or without its module prefix.</param>
/// <param name="Arguments">The <c>--kv</c> pairs in command-line order, values as typed.</param>
internal sealed record TestClientSettings(
    bool Sse,
    Uri Endpoint,
    string? Token,
    string? Vo,
    string Tool,
    string? CaBundle,
    IReadOnlyList<KeyValuePair<string, string>> Arguments);
