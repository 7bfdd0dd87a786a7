using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Sessions;

namespace PandaMcp.Gateway.Tools;

/// <summary>The MCP SDK's handlers: tools/list, tools/call and logging/setLevel.</summary>
public sealed class PandaToolHandlers(
    PandaToolSet tools,
    PandaToolInvoker invoker,
    ToolCallProgress progress,
    IGrainFactory grains,
    IHttpContextAccessor httpContext)
{
    public ValueTask<ListToolsResult> ListAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(tools.NewListResult());

    public async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? "";
        var tool = tools.Find(name) ?? throw UnknownTool(name);
        var arguments = request.Params?.Arguments is { } given ? new Dictionary<string, JsonElement>(given) : null;
        var credentials = CallerCredentials.From(request.JsonRpcMessage, httpContext.HttpContext);
        var call = invoker.InvokeAsync(tool, arguments, credentials, RouteOf(request), cancellationToken);
        return request.Params?.ProgressToken is { } token
            ? await progress.ReportUntilDoneAsync(request.Server, token, call, cancellationToken)
            : await call;
    }

    /// <summary>The level is kept with the session in the cluster, so every gateway serving it knows it.</summary>
#pragma warning disable MCP9005 // Logging is deprecated from 2026-07-28 on; session clients still set it.
    public async ValueTask<EmptyResult> SetLoggingLevelAsync(RequestContext<SetLevelRequestParams> request, CancellationToken cancellationToken)
    {
        if (request.Server.SessionId is { Length: > 0 } sessionId && request.Params is { } parameters)
        {
            await grains.GetGrain<ISessionGrain>(sessionId).SetLogLevelAsync(parameters.Level.ToString().ToLowerInvariant()).WaitAsync(cancellationToken);
        }
        return new EmptyResult();
    }
#pragma warning restore MCP9005

    public static McpProtocolException UnknownTool(string name) =>
        new($"Unknown tool '{name}'. Call tools/list for the tools this server offers.", McpErrorCode.InvalidParams);

    private static SessionCallRoute? RouteOf(RequestContext<CallToolRequestParams> request) =>
        request.Server.SessionId is { Length: > 0 } sessionId && request.JsonRpcRequest is { } message
            ? new SessionCallRoute(sessionId, message.Id.ToString(), SessionEventMessages.RequestIdJson(message.Id))
            : null;
}
