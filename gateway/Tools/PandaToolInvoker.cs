using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PandaMcp.Catalog;
using PandaMcp.Contracts;
using PandaMcp.Gateway.Cluster;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Silo.Cluster;
using PandaMcp.Silo.PublicReads;

namespace PandaMcp.Gateway.Tools;

/// <summary>
/// The steps of a tool call that every path shares: the arguments checked into a REST call, PanDA's reply turned
/// into the tool's result, a grain that failed turned into a protocol error, each counted in the tool metrics.
/// A sessionless call's REST call goes to a module grain; a session's goes through its session grain.
/// </summary>
public sealed partial class PandaToolInvoker(
    ModuleGrainRouter router, GrainCallRetries retries, IOptions<PublicReadOptions> publicReads, GatewayMetrics metrics, ILogger<PandaToolInvoker> logger)
{
    private readonly bool _sharePublicReads = publicReads.Value.Enabled;

    /// <summary>Starts measuring a call of <paramref name="tool"/>; the measurement ends with its result or on dispose.</summary>
    public ToolCallMeasurement Measure(PandaTool tool) => metrics.StartToolCall(tool.Endpoint.ToolName);

    /// <summary>Names the tool in the scope of every line logged while its call runs.</summary>
    public IDisposable? BeginScope(PandaTool tool) => GatewayLogScopes.BeginTool(logger, tool.Endpoint.ToolName);

    /// <summary>
    /// The REST call the arguments make, or null and the tool error that answers instead (PanDA is not called). A
    /// public read names its question and carries no credentials: its answer may serve other callers.
    /// </summary>
    public PandaCall? Prepare(
        ToolCallMeasurement measurement,
        PandaTool tool,
        IReadOnlyDictionary<string, JsonElement>? arguments,
        PandaCredentials credentials,
        out CallToolResult? rejection)
    {
        var endpoint = tool.Endpoint;
        var check = ArgumentCheck.Run(endpoint, arguments);
        if (!check.IsValid)
        {
            LogRejected(logger, endpoint.ToolName, check.Errors.Count);
            rejection = measurement.Complete(ToolCallOutcome.InvalidArguments, ToolResults.InvalidArguments(endpoint, check.Errors));
            return null;
        }
        rejection = null;
        return _sharePublicReads && endpoint.IsPublicRead
            ? new PandaCall(endpoint.Module, endpoint.Function, endpoint.Method, tool.Encoding, check.ArgumentsJson!,
                PandaCredentials.Anonymous, new PublicRead(PublicReadKey.Of(endpoint, check.ArgumentsJson!), endpoint.Envelope))
            : new PandaCall(endpoint.Module, endpoint.Function, endpoint.Method, tool.Encoding, check.ArgumentsJson!, credentials);
    }

    public CallToolResult Complete(ToolCallMeasurement measurement, PandaTool tool, PandaReply reply)
    {
        var result = ToolResults.From(tool.Endpoint, reply);
        return measurement.Complete(ToolCallOutcome.Of(reply, result), result);
    }

    /// <summary>
    /// What answers a call whose grain failed: a protocol error when the node running it stopped or went silent (the
    /// call may or may not have reached PanDA), a tool error for anything else.
    /// </summary>
    public ToolCallAnswer Failed(ToolCallMeasurement measurement, PandaTool tool, Exception failure)
    {
        var toolName = tool.Endpoint.ToolName;
        // The type only: an exception's message may quote what it was handling.
        LogClusterFailure(logger, toolName, failure.GetType().Name);
        if (failure is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            return measurement.Complete(ToolCallOutcome.ClusterUnavailable, new McpProtocolException(
                $"The cluster node running {toolName} stopped or did not answer in time, so the call may or may not "
                + "have reached PanDA. Check its effect in PanDA before repeating a change.",
                McpErrorCode.InternalError));
        }
        return measurement.Complete(ToolCallOutcome.GatewayError,
            ToolResults.NoAnswer(tool.Endpoint, $"the gateway could not complete it ({failure.GetType().Name})"));
    }

    /// <summary>A sessionless call: checked, sent to a module grain, its reply mapped.</summary>
    public async Task<ToolCallAnswer> InvokeAsync(
        PandaTool tool,
        IReadOnlyDictionary<string, JsonElement>? arguments,
        PandaCredentials credentials,
        CancellationToken cancellationToken)
    {
        using var scope = BeginScope(tool);
        using var measurement = Measure(tool);
        if (Prepare(measurement, tool, arguments, credentials, out var rejection) is not { } call)
        {
            return rejection!;
        }
        try
        {
            var reply = await retries.RetryToolCallAsync(call, (router, call, cancellationToken),
                static s => s.router.SendAsync(s.call, s.cancellationToken), cancellationToken);
            return Complete(measurement, tool, reply);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(measurement, tool, e);
        }
    }

    [LoggerMessage(EventId = LogEvents.ToolRejected, Level = LogLevel.Debug, Message = "Tool {Tool} rejected: {ErrorCount} argument problems")]
    private static partial void LogRejected(ILogger logger, string tool, int errorCount);

    [LoggerMessage(EventId = LogEvents.ToolFailedInCluster, Level = LogLevel.Warning, Message = "Tool {Tool} failed in the cluster: {ExceptionType}")]
    private static partial void LogClusterFailure(ILogger logger, string tool, string exceptionType);
}
