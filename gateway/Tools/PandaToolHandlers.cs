using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Gateway.Protocol;

namespace PandaMcp.Gateway.Tools;

/// <summary>
/// The MCP SDK's handlers, for the sessionless requests the gateway leaves to the SDK: tools/list, and a
/// tools/call the gateway was not sure of (<see cref="StatelessToolCalls"/>) and the SDK found nothing to refuse in.
/// </summary>
public sealed class PandaToolHandlers(PandaToolSet tools, PandaToolInvoker invoker, IHttpContextAccessor httpContext)
{
    public ValueTask<ListToolsResult> ListAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(tools.NewListResult());

    public async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? "";
        var tool = tools.Find(name) ?? throw UnknownTool(name);
        var arguments = request.Params?.Arguments is { } given ? new Dictionary<string, JsonElement>(given) : null;
        var credentials = httpContext.HttpContext is { } context ? McpRequest.Of(context).Credentials : Contracts.PandaCredentials.Anonymous;
        var answer = await invoker.InvokeAsync(tool, arguments, credentials, cancellationToken);
        return answer.Error is { } error ? throw error : answer.Result!;
    }

    public static McpProtocolException UnknownTool(string name) =>
        new($"Unknown tool '{name}'. Call tools/list for the tools this server offers.", McpErrorCode.InvalidParams);
}
