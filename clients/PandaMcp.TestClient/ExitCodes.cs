namespace PandaMcp.TestClient;

/// <summary>What the test client's exit code says, for scripts and CI checks.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The server answered the call with an error: an <c>isError</c> result or a JSON-RPC error.</summary>
    public const int ToolError = 1;

    /// <summary>A bad command line, an unknown tool, or no MCP server at the URL (argparse also uses 2 for usage errors).</summary>
    public const int UsageOrConnection = 2;
}
