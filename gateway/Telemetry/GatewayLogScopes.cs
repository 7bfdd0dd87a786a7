namespace PandaMcp.Gateway.Telemetry;

/// <summary>
/// The log scopes that tie a line to its request: the MCP session (2025-era clients) and the tool called. JSON logs
/// with scopes show them as the <c>McpSessionId</c> and <c>McpTool</c> properties.
/// </summary>
public static class GatewayLogScopes
{
    private static readonly Func<ILogger, string, IDisposable?> SessionScope = LoggerMessage.DefineScope<string>("MCP session {McpSessionId}");
    private static readonly Func<ILogger, string, IDisposable?> ToolScope = LoggerMessage.DefineScope<string>("tool {McpTool}");

    public static IDisposable? BeginSession(ILogger logger, string sessionId) => SessionScope(logger, sessionId);

    public static IDisposable? BeginTool(ILogger logger, string tool) => ToolScope(logger, tool);
}
