namespace PandaMcp.Gateway.Telemetry;

/// <summary>
/// The log scopes that tie a line to its request: the MCP session (2025-era clients) and the tool called. JSON logs
/// with scopes show them as the <c>McpSession</c> and <c>McpTool</c> properties.
/// </summary>
public static class GatewayLogScopes
{
    private static readonly Func<ILogger, string, IDisposable?> SessionScope = LoggerMessage.DefineScope<string>("MCP session {McpSession}");
    private static readonly Func<ILogger, string, IDisposable?> ToolScope = LoggerMessage.DefineScope<string>("tool {McpTool}");

    /// <param name="sessionKey">The session's grain key (a hash of its id), never the id itself.</param>
    public static IDisposable? BeginSession(ILogger logger, string sessionKey) => SessionScope(logger, sessionKey);

    public static IDisposable? BeginTool(ILogger logger, string tool) => ToolScope(logger, tool);
}
