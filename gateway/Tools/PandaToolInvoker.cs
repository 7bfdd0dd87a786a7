using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PandaMcp.Catalog;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Cluster;
using PandaMcp.Gateway.Sessions;
using PandaMcp.Gateway.Telemetry;

namespace PandaMcp.Gateway.Tools;

/// <summary>Runs one tool call: checks the arguments, hands the call to a grain, maps PanDA's answer.</summary>
public sealed partial class PandaToolInvoker(
    ModuleGrainRouter router,
    IGrainFactory grains,
    OpenPostStreams postStreams,
    GatewayMetrics metrics,
    ILogger<PandaToolInvoker> logger)
{
    /// <param name="session">The session the call belongs to; null for a 2026-07-28 (sessionless) call.</param>
    public async Task<CallToolResult> InvokeAsync(
        PandaTool tool,
        IReadOnlyDictionary<string, JsonElement>? arguments,
        PandaCredentials credentials,
        SessionCallRoute? session,
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
            var reply = session is null
                ? await router.For(endpoint.Module).InvokeAsync(call, cancellationToken)
                : await CallInSessionAsync(session, endpoint.ToolName, call, cancellationToken);
            var result = ToolResults.From(endpoint, reply);
            return measurement.Complete(ToolCallOutcome.Of(reply, result), result);
        }
        catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
        {
            // The node running the call is gone or silent: the call's fate is unknown, so say so as a protocol error.
            LogClusterFailure(logger, endpoint.ToolName, e.GetType().Name);
            throw measurement.Complete(ToolCallOutcome.ClusterUnavailable, new McpProtocolException(
                $"The cluster node running {endpoint.ToolName} stopped or did not answer in time, so the call may or may not "
                + "have reached PanDA. Check its effect in PanDA before repeating a change.",
                McpErrorCode.InternalError));
        }
        catch (Exception e) when (e is not McpException && !cancellationToken.IsCancellationRequested)
        {
            // The type only: an exception's message may quote what it was handling.
            LogClusterFailure(logger, endpoint.ToolName, e.GetType().Name);
            return measurement.Complete(ToolCallOutcome.GatewayError, ToolResults.NoAnswer(endpoint, $"the gateway could not complete it ({e.GetType().Name})"));
        }
    }

    private async Task<PandaReply> CallInSessionAsync(SessionCallRoute session, string toolName, PandaCall call, CancellationToken cancellationToken)
    {
        var answer = await grains.GetGrain<ISessionGrain>(session.SessionId)
            .CallToolAsync(new SessionToolCall(session.StreamId, session.RequestIdJson, toolName, call))
            .WaitAsync(cancellationToken);
        if (answer.Sequence > 0)
        {
            postStreams.AnswerRecorded(session.SessionId, session.StreamId, answer.Sequence);
        }
        return answer.Reply;
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Tool {Tool} rejected: {ErrorCount} argument problems")]
    private static partial void LogRejected(ILogger logger, string tool, int errorCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Tool {Tool} failed in the cluster: {ExceptionType}")]
    private static partial void LogClusterFailure(ILogger logger, string tool, string exceptionType);
}
