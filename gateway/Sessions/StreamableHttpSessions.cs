using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Silo.Cluster;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// Streamable HTTP with sessions (2025-03-26 to 2025-11-25 clients) at /mcp, answered by the gateway itself: each
/// request is at most one call of its session's grain, which holds the session, its streams and its calls, so that
/// any gateway serves any request. A dead, ended or other caller's session gets 404 before any byte of an answer.
/// </summary>
public sealed partial class StreamableHttpSessions(
    IGrainFactory grains,
    GrainCallRetries retries,
    SessionMethods methods,
    SessionToolCalls toolCalls,
    SessionStreams streams,
    GatewayMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<StreamableHttpSessions> logger)
{
    public async Task HandleAsync(HttpContext context, McpRequest request)
    {
        if (request.ProtocolVersion.Length > 0 && !McpProtocol.HasSessions(request.ProtocolVersion))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, (int)McpErrorCode.UnsupportedProtocolVersion,
                $"Bad Request: The MCP-Protocol-Version header value '{request.ProtocolVersion}' is not supported.", request,
                new UnsupportedProtocolVersionErrorData { Supported = [.. McpProtocol.Versions], Requested = request.ProtocolVersion });
            return;
        }
        try
        {
            await (context.Request.Method switch
            {
                "POST" => PostAsync(context, request),
                "GET" => GetAsync(context, request),
                "DELETE" => DeleteAsync(context, request),
                _ => WriteErrorAsync(context, StatusCodes.Status405MethodNotAllowed, McpProtocol.ServerError,
                    "Method Not Allowed: an MCP endpoint takes POST, GET and DELETE.", request),
            });
        }
        catch (Exception e) when (IsClusterFailure(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // The cluster could not answer (a silo or Redis is down): a clear, retryable refusal, not a 500.
            LogClusterUnavailable(logger, e.GetType().Name);
            context.Response.Headers.RetryAfter = "5";
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, McpProtocol.ServerError,
                "The cluster could not serve this session just now. Try again in a few seconds.", request);
        }
    }

    private async Task PostAsync(HttpContext context, McpRequest request)
    {
        if (!request.AcceptsJsonAndEvents)
        {
            await WriteErrorAsync(context, StatusCodes.Status406NotAcceptable, McpProtocol.ServerError,
                "Not Acceptable: Client must accept both application/json and text/event-stream", request);
            return;
        }
        if (request.SessionId.Length == 0)
        {
            await (request.Method == RequestMethods.Initialize && request.IsRequest
                ? InitializeAsync(context, request)
                : WriteErrorAsync(context, StatusCodes.Status400BadRequest, McpProtocol.ServerError,
                    "Bad Request: A new session can only be created by an initialize request. Send initialize first, then this request with the Mcp-Session-Id it answers with.", request));
            return;
        }

        var session = Session(request);
        var aborted = context.RequestAborted;
        context.Response.Headers[McpProtocol.SessionIdHeader] = request.SessionId;
        if (!request.IsRequest)
        {
            // A notification, or a client's response: nothing to answer, but only within a live session.
            await AnswerAsync(context, request, await session.TouchAsync(aborted), StatusCodes.Status202Accepted, null);
            return;
        }
        switch (request.Method)
        {
            case RequestMethods.ToolsCall:
                await CallToolAsync(context, request, session);
                return;
#pragma warning disable MCP9005 // Logging is deprecated from 2026-07-28 on; session clients still set it.
            case RequestMethods.LoggingSetLevel:
#pragma warning restore MCP9005
                if (SessionMethods.LogLevel(request) is not { } level)
                {
                    await AnswerAsync(context, request, await session.TouchAsync(aborted), StatusCodes.Status200OK,
                        JsonRpcMessages.Error(request.Id, (int)McpErrorCode.InvalidParams, "params.level must be one of debug, info, notice, warning, error, critical, alert, emergency."));
                    return;
                }
                await AnswerAsync(context, request, await session.SetLogLevelAsync(level, aborted), StatusCodes.Status200OK, methods.Answer(request));
                return;
            default:
                await AnswerAsync(context, request, await session.TouchAsync(aborted), StatusCodes.Status200OK, methods.Answer(request));
                return;
        }
    }

    private async Task InitializeAsync(HttpContext context, McpRequest request)
    {
        var session = new ClusterSession(grains, retries, NewSessionId(), new SessionCaller(request.Identity, SessionTransport.StreamableHttp));
        var outcome = await session.StartAsync(
            request.Params.ValueKind == JsonValueKind.Object ? request.Params.GetRawText() : "{}", SessionMethods.Negotiate(request), context.RequestAborted);
        if (outcome != SessionStartOutcome.Started)
        {
            LogLimitReached(logger, request.Identity);
            metrics.RateLimitRejected(GatewayMetrics.SessionLimitPolicy);
            await WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, McpProtocol.ServerError,
                "Too many open sessions for this identity. End sessions you no longer use (HTTP DELETE) or wait for idle ones to expire, then initialize again.", request);
            return;
        }
        context.Response.Headers[McpProtocol.SessionIdHeader] = session.Id;
        await JsonRpcMessages.WriteAsync(context.Response, StatusCodes.Status200OK, methods.Answer(request), context.RequestAborted);
    }

    private async Task CallToolAsync(HttpContext context, McpRequest request, ClusterSession session)
    {
        var call = await toolCalls.CallAsync(session, request, context.RequestAborted);
        if (call.Outcome.Status != SessionCallStatus.Streaming)
        {
            await AnswerAsync(context, request, call.Outcome.Status != SessionCallStatus.NotFound, StatusCodes.Status200OK, call.Message);
            return;
        }
        // PanDA has not answered yet: the call's stream, which the client can resume on any gateway if it drops.
        using var measurement = call.Measurement;
        await ServerSentEvents.StartAsync(context, context.RequestAborted);
        await ServerSentEvents.WriteAsync(context.Response, CallStreamAsync(session, request, call, context.RequestAborted), context.RequestAborted);
    }

    /// <summary>
    /// A call's stream, to its answer. A read whose stream was lost with the silo running it (a silo that stops
    /// takes the calls it runs, and their streams, with it) is asked again, at most <see cref="MaxCallsAgain"/> times;
    /// any other call's stream then ends with the error that the call may or may not have reached PanDA.
    /// </summary>
    private async IAsyncEnumerable<SseItem<byte[]?>> CallStreamAsync(
        ClusterSession session, McpRequest request, SessionToolCallResult call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return streams.Start(session.Id, call.Outcome.StreamStart);
        for (var again = 0; ; again++)
        {
            Exception? lost = null;
            var ended = false;
            SessionStreamReader? stream = null;
            try
            {
                stream = await session.ResumeAsync(call.Outcome.StreamStart, cancellationToken);
            }
            catch (Exception e) when (IsClusterFailure(e))
            {
                lost = e;
            }
            if (stream is not null)
            {
                await using (stream)
                {
                    if (stream.First.Status == SessionStreamStatus.UnknownEvent)
                    {
                        // The session lives on, but the call's stream went with the silo that ran the call.
                        lost = SessionStreams.LostWithSilo();
                    }
                    else if (stream.First.Status != SessionStreamStatus.Opened)
                    {
                        // Ended (DELETE, expiry) while PanDA worked: the answer was dropped with the session.
                        ended = true;
                    }
                    var rendered = streams.EventsAsync(session.Id, stream.Rest, call, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    await using (rendered)
                    {
                        while (lost is null && !ended)
                        {
                            try
                            {
                                if (!await rendered.MoveNextAsync())
                                {
                                    break;
                                }
                            }
                            catch (Exception e) when (IsClusterFailure(e))
                            {
                                // The silo holding the session (and running the call) is gone.
                                lost = e;
                                break;
                            }
                            yield return rendered.Current;
                        }
                    }
                }
            }
            if (ended)
            {
                yield return new SseItem<byte[]?>(streams.Ended(call, request.Id.GetRawText()), ServerSentEvents.MessageEvent);
                yield break;
            }
            if (lost is null)
            {
                yield break;
            }
            if (!call.Sent!.Call.IsRead || again == MaxCallsAgain)
            {
                yield return new SseItem<byte[]?>(streams.Broken(call, request.Id.GetRawText(), lost), ServerSentEvents.MessageEvent);
                yield break;
            }
            LogReadAskedAgain(logger, call.Sent.ToolName, lost.GetType().Name);
            var asked = await toolCalls.CallAgainAsync(session, call, cancellationToken);
            if (asked.Outcome.Status != SessionCallStatus.Streaming)
            {
                yield return new SseItem<byte[]?>(asked.Message ?? streams.Ended(call, request.Id.GetRawText()), ServerSentEvents.MessageEvent);
                yield break;
            }
            call = asked;
        }
    }

    private async Task GetAsync(HttpContext context, McpRequest request)
    {
        if (!request.AcceptsEvents)
        {
            await WriteErrorAsync(context, StatusCodes.Status406NotAcceptable, McpProtocol.ServerError,
                "Not Acceptable: Client must accept text/event-stream", request);
            return;
        }
        if (request.SessionId.Length == 0)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, McpProtocol.ServerError,
                "Bad Request: Mcp-Session-Id header is required for GET and DELETE requests: initialize a session first.", request);
            return;
        }
        var resumeAfter = 0L;
        if (request.LastEventId.Length > 0
            && (!SessionEventIds.TryParse(request.LastEventId, out var eventSession, out resumeAfter) || eventSession != request.SessionId))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, McpProtocol.ServerError,
                "Bad Request: The Last-Event-ID header names no event of this session.", request);
            return;
        }

        var session = Session(request);
        // The stream ends with the client, or with this gateway: the client then resumes it on another.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        await using var stream = resumeAfter > 0 ? await session.ResumeAsync(resumeAfter, stop.Token) : await session.ListenAsync(stop.Token);
        if (stream.First.Status == SessionStreamStatus.NotFound)
        {
            await AnswerAsync(context, request, found: false, 0, null);
            return;
        }
        if (stream.First.Status == SessionStreamStatus.UnknownEvent)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, McpProtocol.ServerError,
                "Bad Request: The specified Last-Event-ID is either invalid or expired.", request);
            return;
        }
        context.Response.Headers[McpProtocol.SessionIdHeader] = request.SessionId;
        metrics.StreamOpened(GatewayMetrics.StreamableHttpTransport);
        try
        {
            await ServerSentEvents.StartAsync(context, stop.Token);
            await ServerSentEvents.WriteAsync(context.Response, Listen(request.SessionId, stream, stop.Token), stop.Token);
        }
        catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException || IsClusterFailure(e))
        {
            // The client went away, this gateway is stopping, or the session's silo is gone: the usual end of a
            // stream, which the client resumes with Last-Event-ID.
        }
        finally
        {
            metrics.StreamClosed(GatewayMetrics.StreamableHttpTransport);
        }
    }

    private async IAsyncEnumerable<SseItem<byte[]?>> Listen(
        string sessionId, SessionStreamReader stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (stream.First.Event is { } start)
        {
            yield return streams.Start(sessionId, start.Sequence);
        }
        await foreach (var item in streams.EventsAsync(sessionId, stream.Rest, cancellationToken: cancellationToken))
        {
            yield return item;
        }
    }

    private async Task DeleteAsync(HttpContext context, McpRequest request)
    {
        if (request.SessionId.Length == 0)
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, McpProtocol.ServerError,
                "Bad Request: Mcp-Session-Id header is required for GET and DELETE requests: initialize a session first.", request);
            return;
        }
        var ended = await Session(request).EndAsync(context.RequestAborted);
        await AnswerAsync(context, request, ended, StatusCodes.Status200OK, null);
    }

    /// <summary>The answer of a request in a session: 404 when there is no such session for the caller, else the message (or none).</summary>
    private static Task AnswerAsync(HttpContext context, McpRequest request, bool found, int status, byte[]? message)
    {
        if (!found)
        {
            context.Response.Headers.Remove(McpProtocol.SessionIdHeader);
            return WriteErrorAsync(context, StatusCodes.Status404NotFound, McpProtocol.SessionNotFound,
                "Session not found: it does not exist, was ended, or expired after being idle. Start a new session with initialize.", request);
        }
        if (message is null)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        return JsonRpcMessages.WriteAsync(context.Response, status, message, context.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext context, int status, int code, string message, McpRequest request, object? data = null) =>
        JsonRpcMessages.WriteAsync(context.Response, status, JsonRpcMessages.Error(request.Id, code, message, data), context.RequestAborted);

    private ClusterSession Session(McpRequest request) =>
        new(grains, retries, request.SessionId, new SessionCaller(request.Identity, SessionTransport.StreamableHttp));

    /// <summary>A session id the way the SDK mints them: 128 random bits, base64url.</summary>
    private static string NewSessionId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    /// <summary>How many times a read whose stream was lost is asked again: once per silo that stops under it.</summary>
    private const int MaxCallsAgain = 2;

    private static bool IsClusterFailure(Exception e) =>
        e is TimeoutException or OrleansException or EnumerationAbortedException;

    [LoggerMessage(EventId = LogEvents.SessionClusterUnavailable, Level = LogLevel.Warning, Message = "A session request could not be served by the cluster: {ExceptionType}")]
    private static partial void LogClusterUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = LogEvents.SessionReadAskedAgain, Level = LogLevel.Information, Message = "A read of {Tool} whose stream was lost ({ExceptionType}) is asked again")]
    private static partial void LogReadAskedAgain(ILogger logger, string tool, string exceptionType);

    [LoggerMessage(EventId = LogEvents.SessionLimitReached, Level = LogLevel.Information, Message = "Identity {Identity} is at its session limit")]
    private static partial void LogLimitReached(ILogger logger, string identity);
}
