using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Catalog;
using PandaMcp.Contracts;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Tools;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Baseline;

/// <summary>
/// The gateway's tools/list and tools/call as the SDK alone serves them: no grain hop and no hand-written fast path.
/// The call is checked, sent to PanDA from this process, and its answer mapped by the gateway's own building blocks.
/// </summary>
public sealed class InProcessToolHandlers(PandaToolSet tools, PandaClient panda, IHttpContextAccessor httpContext)
{
    public ValueTask<ListToolsResult> ListAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(tools.NewListResult());

    public async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? "";
        var tool = tools.Find(name) ?? throw PandaToolHandlers.UnknownTool(name);
        var arguments = request.Params?.Arguments is { } given ? new Dictionary<string, JsonElement>(given) : null;
        var check = ArgumentCheck.Run(tool.Endpoint, arguments);
        if (!check.IsValid)
        {
            return ToolResults.InvalidArguments(tool.Endpoint, check.Errors);
        }

        var endpoint = tool.Endpoint;
        var call = new PandaCall(endpoint.Module, endpoint.Function, endpoint.Method, tool.Encoding, check.ArgumentsJson!,
            CallerCredentials.From(httpContext.HttpContext!.Request));
        return ToolResults.From(endpoint, await panda.SendAsync(call, cancellationToken));
    }
}
