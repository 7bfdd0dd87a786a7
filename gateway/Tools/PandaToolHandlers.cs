using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace PandaMcp.Gateway.Tools;

/// <summary>The MCP SDK's tools/list and tools/call handlers.</summary>
public sealed class PandaToolHandlers(PandaToolSet tools, PandaToolInvoker invoker, IHttpContextAccessor httpContext)
{
    public ValueTask<ListToolsResult> ListAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(tools.NewListResult());

    public async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? "";
        var tool = tools.Find(name) ?? throw UnknownTool(name);
        var arguments = request.Params?.Arguments is { } given ? new Dictionary<string, JsonElement>(given) : null;
        return await invoker.InvokeAsync(tool, arguments, CallerCredentials.From(request.JsonRpcMessage, httpContext.HttpContext), cancellationToken);
    }

    public static McpProtocolException UnknownTool(string name) =>
        new($"Unknown tool '{name}'. Call tools/list for the tools this server offers.", McpErrorCode.InvalidParams);
}
