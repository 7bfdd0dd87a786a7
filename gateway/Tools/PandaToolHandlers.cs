using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Contracts;
using PandaMcp.Gateway.Cluster;

namespace PandaMcp.Gateway.Tools;

/// <summary>Answers tools/list and tools/call: checks the call, hands it to the module grain, maps the answer.</summary>
public sealed partial class PandaToolHandlers(
    PandaToolSet tools,
    ModuleGrainRouter router,
    IHttpContextAccessor httpContext,
    ILogger<PandaToolHandlers> logger)
{
    public ValueTask<ListToolsResult> ListAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(tools.ListResult);

    public async ValueTask<CallToolResult> CallAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? "";
        if (tools.Find(name) is not { } tool)
        {
            throw new McpProtocolException(
                $"Unknown tool '{name}'. Call tools/list for the tools this server offers.", McpErrorCode.InvalidParams);
        }
        var arguments = request.Params?.Arguments is { } given ? new Dictionary<string, System.Text.Json.JsonElement>(given) : null;
        var check = Catalog.ArgumentCheck.Run(tool.Endpoint, arguments);
        if (!check.IsValid)
        {
            LogRejected(logger, tool.Definition.Name, check.Errors.Count);
            return ToolResults.InvalidArguments(tool.Endpoint, check.Errors);
        }

        var endpoint = tool.Endpoint;
        var call = new PandaCall(endpoint.Module, endpoint.Function, endpoint.Method, tool.Encoding, check.ArgumentsJson!,
            CallerCredentials.From(httpContext.HttpContext));
        try
        {
            var reply = await router.For(endpoint.Module).InvokeAsync(call, cancellationToken);
            return ToolResults.From(endpoint, reply);
        }
        catch (Exception e) when (e is TimeoutException or SiloUnavailableException)
        {
            LogClusterFailure(logger, tool.Definition.Name, e.GetType().Name);
            return ToolResults.NoAnswer(endpoint, "the cluster node serving it did not answer in time");
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Tool {Tool} rejected: {ErrorCount} argument problems")]
    private static partial void LogRejected(ILogger logger, string tool, int errorCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Tool {Tool} failed in the cluster: {ExceptionType}")]
    private static partial void LogClusterFailure(ILogger logger, string tool, string exceptionType);
}
