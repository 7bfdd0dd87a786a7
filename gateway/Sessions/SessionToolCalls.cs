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
            var result = await SendAsync(session, tool, new SessionToolCall(request.Id.GetRawText(), tool.Endpoint.ToolName, call, progressToken), measurement, cancellationToken);
            if (result.Measurement is not null)
            {
                // A stream's reader completes the measurement with the answer: handed over.
                measurement = null;
            }
            return result;
        }
        finally
        {
            measurement?.Dispose();
        }
    }

    /// <summary>
    /// A read whose stream was lost with the silo that ran it, asked again through the session wherever it is now:
    /// answered, or followed on a new stream (PanDA's GET endpoints change nothing, so a second REST call is safe).
    /// </summary>
    public async Task<SessionToolCallResult> CallAgainAsync(ClusterSession session, SessionToolCallResult lost, CancellationToken cancellationToken)
    {
        using var scope = invoker.BeginScope(lost.Tool!);
        return await SendAsync(session, lost.Tool!, lost.Sent!, lost.Measurement!, cancellationToken);
    }

    /// <summary>The call through the session grain; a streaming result holds the measurement, any other has completed it.</summary>
    private async Task<SessionToolCallResult> SendAsync(
        ClusterSession session, PandaTool tool, SessionToolCall sent, ToolCallMeasurement measurement, CancellationToken cancellationToken)
    {
        var requestIdJson = sent.RequestIdJson;
        try
        {
            var outcome = await session.CallToolAsync(sent, cancellationToken);
            return outcome.Status switch
            {
                SessionCallStatus.Answered => SessionToolCallResult.Answered(JsonRpcMessages.Result(requestIdJson, invoker.Complete(measurement, tool, outcome.Reply!))),
                SessionCallStatus.Streaming => new SessionToolCallResult(outcome, null, measurement, tool, sent),
                _ => SessionToolCallResult.NotFound,
            };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var answer = invoker.Failed(measurement, tool, e);
            return SessionToolCallResult.Answered(answer.Error is { } error
                ? JsonRpcMessages.Error(requestIdJson, (int)error.ErrorCode, error.Message)
                : JsonRpcMessages.Result(requestIdJson, answer.Result));
        }
    }
}

/// <summary>
/// What became of a session's tools/call: no such session (<see cref="Outcome"/> NotFound), an answer to send
/// (<see cref="Message"/>), or a stream to follow, with the measurement its answer completes and the call as sent.
/// </summary>
public sealed record SessionToolCallResult(
    SessionCallOutcome Outcome, byte[]? Message, ToolCallMeasurement? Measurement = null, PandaTool? Tool = null, SessionToolCall? Sent = null)
{
    public static readonly SessionToolCallResult NotFound = new(SessionCallOutcome.NotFound, null);

    public static SessionToolCallResult Answered(byte[] message) => new(new SessionCallOutcome(SessionCallStatus.Answered), message);
}
