using System.Text.Json;
using ModelContextProtocol.Protocol;
using PandaMcp.Catalog;
using PandaMcp.Contracts;
using PandaMcp.Gateway.Cluster;
using PandaMcp.Gateway.Telemetry;

namespace PandaMcp.Gateway.Tools;

/// <summary>Runs one tool call: checks the arguments, hands the call to a module grain, maps PanDA's answer.</summary>
public sealed partial class PandaToolInvoker(ModuleGrainRouter router, GatewayMetrics metrics, ILogger<PandaToolInvoker> logger)
{
    public async Task<CallToolResult> InvokeAsync(
        PandaTool tool,
        IReadOnlyDictionary<string, JsonElement>? arguments,
        PandaCredentials credentials,
        CancellationToken cancellationToken)
    {
        var endpoint = tool.Endpoint;
        using var scope = GatewayLogScopes.BeginTool(logger, endpoint.ToolName);
        using var measurement = metrics.StartToolCall(endpoint.ToolName);
        var check = ArgumentCheck.Run(endpoint, arguments);
        if (!check.IsValid)
        {
            LogRejected(logger, endpoint.ToolName, check.Errors.Count);
            return measurement.Complete(ToolCallOutcome.InvalidArguments, ToolResults.InvalidArguments(endpoint, check.Errors));
        }

        var call = new PandaCall(endpoint.Module, endpoint.Function, endpoint.Method, tool.Encoding, check.ArgumentsJson!, credentials);
        try
        {
            var reply = await router.For(endpoint.Module).InvokeAsync(call, cancellationToken);
            var result = ToolResults.From(endpoint, reply);
            return measurement.Complete(ToolCallOutcome.Of(reply, result), result);
        }
        catch (Exception e) when (e is TimeoutException or SiloUnavailableException)
        {
            LogClusterFailure(logger, endpoint.ToolName, e.GetType().Name);
            return measurement.Complete(ToolCallOutcome.ClusterUnavailable, ToolResults.NoAnswer(endpoint, "the cluster node serving it did not answer in time"));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The type only: an exception's message may quote what it was handling.
            LogClusterFailure(logger, endpoint.ToolName, e.GetType().Name);
            return measurement.Complete(ToolCallOutcome.GatewayError, ToolResults.NoAnswer(endpoint, $"the gateway could not complete it ({e.GetType().Name})"));
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Tool {Tool} rejected: {ErrorCount} argument problems")]
    private static partial void LogRejected(ILogger logger, string tool, int errorCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Tool {Tool} failed in the cluster: {ExceptionType}")]
    private static partial void LogClusterFailure(ILogger logger, string tool, string exceptionType);
}
