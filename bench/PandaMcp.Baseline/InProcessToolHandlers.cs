using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Catalog;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Tools;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Baseline;

/// <summary>
/// The gateway's tools/list and tools/call as the SDK alone serves them: no grain hop and no hand-written path.
/// The call is checked, sent to PanDA from this process, and its answer mapped by the gateway's own building
/// blocks; a client that gave a progress token hears the gateway's progress notifications at the same interval.
/// </summary>
public sealed class InProcessToolHandlers(
    PandaToolSet tools, PandaClient panda, IHttpContextAccessor httpContext, IOptions<StreamOptions> options, TimeProvider time)
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
        var reply = panda.SendAsync(call, cancellationToken);
        if (request.Params?.ProgressToken is { } token)
        {
            var started = time.GetTimestamp();
            var reports = 0;
            while (await Task.WhenAny(reply, Task.Delay(options.Value.ProgressInterval, time, cancellationToken)) != reply)
            {
                await request.Server.NotifyProgressAsync(token, new ProgressNotificationValue
                {
                    Progress = ++reports,
                    Message = WaitingForPanda.Message(time.GetElapsedTime(started)),
                }, cancellationToken: cancellationToken);
            }
        }
        return ToolResults.From(endpoint, await reply);
    }
}
