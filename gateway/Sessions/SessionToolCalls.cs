using System.Text.Json;
using ModelContextProtocol;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Gateway.Tools;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// A session's tools/call, whichever transport carries it: one call of the session grain, which checks that the
/// session lives and is the caller's and makes the REST call in the same call. A call PanDA does not answer within
/// the session's answer time becomes a stream, whose last event is the answer.
/// </summary>
public sealed class SessionToolCalls(PandaToolSet tools, PandaToolInvoker invoker)
{
    public async Task<SessionToolCallResult> CallAsync(ClusterSession session, McpRequest request, CancellationToken cancellationToken)
    {
        if (tools.Find(request.ToolName ?? "") is not { } tool)
        {
            // No REST call to make, but the session is still checked: a dead session's client must start a new one.
            return await session.TouchAsync(cancellationToken)
                ? SessionToolCallResult.Answered(JsonRpcMessages.Error(request.Id, (int)McpErrorCode.InvalidParams, PandaToolHandlers.UnknownTool(request.ToolName ?? "").Message))
                : SessionToolCallResult.NotFound;
        }
        using var scope = invoker.BeginScope(tool);
        var measurement = invoker.Measure(tool);
        try
        {
            if (invoker.Prepare(measurement, tool, request.ArgumentsByName(), request.Credentials, out var rejection) is not { } call)
            {
                return await session.TouchAsync(cancellationToken)
                    ? SessionToolCallResult.Answered(JsonRpcMessages.Result(request.Id, rejection))
                    : SessionToolCallResult.NotFound;
            }
            var progressToken = request.ProgressToken.ValueKind == JsonValueKind.Undefined ? null : request.ProgressToken.GetRawText();
            var outcome = await session.CallToolAsync(new SessionToolCall(request.Id.GetRawText(), tool.Endpoint.ToolName, call, progressToken), cancellationToken);
            switch (outcome.Status)
            {
                case SessionCallStatus.Answered:
                    return SessionToolCallResult.Answered(JsonRpcMessages.Result(request.Id, invoker.Complete(measurement, tool, outcome.Reply!)));
                case SessionCallStatus.Streaming:
                    // The stream's reader completes the measurement with the answer: hand it over.
                    var streaming = new SessionToolCallResult(outcome, null, measurement, tool);
                    measurement = null;
                    return streaming;
                default:
                    return SessionToolCallResult.NotFound;
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var answer = invoker.Failed(measurement!, tool, e);
            return SessionToolCallResult.Answered(answer.Error is { } error
                ? JsonRpcMessages.Error(request.Id, (int)error.ErrorCode, error.Message)
                : JsonRpcMessages.Result(request.Id, answer.Result));
        }
        finally
        {
            measurement?.Dispose();
        }
    }
}

/// <summary>
/// What became of a session's tools/call: no such session (<see cref="Outcome"/> NotFound), an answer to send
/// (<see cref="Message"/>), or a stream to follow, with the measurement its answer completes.
/// </summary>
public sealed record SessionToolCallResult(SessionCallOutcome Outcome, byte[]? Message, ToolCallMeasurement? Measurement = null, PandaTool? Tool = null)
{
    public static readonly SessionToolCallResult NotFound = new(SessionCallOutcome.NotFound, null);

    public static SessionToolCallResult Answered(byte[] message) => new(new SessionCallOutcome(SessionCallStatus.Answered), message);
}
