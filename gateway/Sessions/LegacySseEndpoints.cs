using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using ModelContextProtocol.Protocol;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Silo.Cluster;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// The 2024-11-05 HTTP+SSE transport at the paths PanDA's Python server uses and its Apache rules forward:
/// <c>GET /sse</c> starts a session and follows its one stream, announcing <c>/messages/?session_id=…</c>, where the
/// client POSTs. A POST may reach any gateway: its answer goes into the session's stream in the grain, which pushes
/// it to the gateway holding the GET. Closing the GET ends the session. The same session grain, admission, answers
/// and stream rendering as Streamable HTTP.
/// </summary>
public sealed partial class LegacySseEndpoints(
    IGrainFactory grains,
    GrainCallRetries retries,
    SessionMethods methods,
    SessionToolCalls toolCalls,
    SessionStreams streams,
    GatewayMetrics metrics,
    IHostApplicationLifetime lifetime,
    ILogger<LegacySseEndpoints> logger)
{
    public async Task OpenStreamAsync(HttpContext context)
    {
        var request = McpRequest.Of(context);
        var session = new ClusterSession(grains, retries, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Caller(request));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        SessionStreamReader stream;
        try
        {
            if (await session.StartAsync("", McpProtocol.LegacySseVersion, stop.Token) != SessionStartOutcome.Started)
            {
                metrics.RateLimitRejected(GatewayMetrics.SessionLimitPolicy);
                await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status429TooManyRequests,
                    "Too many open sessions for this identity. Close streams you no longer use, then open a new one.", context.RequestAborted);
                return;
            }
            // Open before the endpoint event goes out, so that the answer to the client's first POST has a place.
            stream = await session.ListenAsync(stop.Token);
        }
        catch (Exception e) when (!stop.IsCancellationRequested)
        {
            LogServeFailed(logger, e.GetType().Name);
            context.Response.Headers.RetryAfter = "5";
            await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status503ServiceUnavailable,
                "The cluster could not open a session just now. Try again in a few seconds.", context.RequestAborted);
            return;
        }

        LogOpened(logger, session.LogName);
        metrics.StreamOpened(GatewayMetrics.LegacySseTransport);
        try
        {
            await using (stream)
            {
                await ServerSentEvents.StartAsync(context, stop.Token);
                var endpoint = $"{context.Request.PathBase}{McpPaths.LegacyMessages}?session_id={session.Id}";
                await ServerSentEvents.WriteAsync(context.Response, Events(session.Id, endpoint, stream.Rest, stop.Token), stop.Token);
            }
        }
        catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException || e is OrleansException or TimeoutException or EnumerationAbortedException)
        {
            // The client went away, this gateway is stopping, or the session's silo is gone: the end of the stream.
        }
        finally
        {
            try
            {
                await session.EndAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                // The session then ends with its idle time.
                LogServeFailed(logger, e.GetType().Name);
            }
            LogClosed(logger, session.LogName);
            metrics.StreamClosed(GatewayMetrics.LegacySseTransport);
        }
    }

    public async Task PostMessageAsync(HttpContext context)
    {
        var request = McpRequest.Of(context);
        var sessionId = context.Request.Query["session_id"].ToString();
        bool found;
        try
        {
            found = sessionId.Length > 0 && await DeliverAsync(new ClusterSession(grains, retries, sessionId, Caller(request)), request, context.RequestAborted);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException && !context.RequestAborted.IsCancellationRequested)
        {
            LogServeFailed(logger, e.GetType().Name);
            context.Response.Headers.RetryAfter = "5";
            await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status503ServiceUnavailable,
                "The cluster could not take this message just now. Try again in a few seconds.", context.RequestAborted);
            return;
        }
        if (!found)
        {
            await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status404NotFound, McpProtocol.SessionNotFound,
                "No open SSE stream has this session_id. Open a new stream with GET /sse.", request.IsRequest ? request.Id : null, context.RequestAborted);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsync("Accepted", context.RequestAborted);
    }

    /// <summary>Puts the message's answer on the session's stream: one grain call, false when the session is not the caller's.</summary>
    private async Task<bool> DeliverAsync(ClusterSession session, McpRequest request, CancellationToken cancellationToken)
    {
        if (!request.IsRequest)
        {
            // Notifications (initialized, cancelled) and a client's responses need nothing from this server.
            return await session.TouchAsync(cancellationToken);
        }
        if (request.Method == RequestMethods.ToolsCall)
        {
            var call = await toolCalls.CallAsync(session, request, cancellationToken);
            using (call.Measurement)
            {
                call.Measurement?.Complete(ToolCallOutcome.OnSessionStream, 0);
            }
            return call.Outcome.Status switch
            {
                SessionCallStatus.NotFound => false,
                SessionCallStatus.Streaming => true,
                _ => await session.PostAsync(Encoding.UTF8.GetString(call.Message!), cancellationToken),
            };
        }
#pragma warning disable MCP9005 // Logging is deprecated from 2026-07-28 on; session clients still set it.
        if (request.Method == RequestMethods.LoggingSetLevel && SessionMethods.LogLevel(request) is { } level
#pragma warning restore MCP9005
            && !await session.SetLogLevelAsync(level, cancellationToken))
        {
            return false;
        }
        return await session.PostAsync(Encoding.UTF8.GetString(methods.Answer(request)), cancellationToken);
    }

    private static SessionCaller Caller(McpRequest request) => new(request.Identity, SessionTransport.LegacySse);

    private async IAsyncEnumerable<SseItem<byte[]?>> Events(
        string sessionId, string endpoint, IAsyncEnumerator<SessionStreamItem> stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<byte[]?>(Encoding.UTF8.GetBytes(endpoint), "endpoint");
        await foreach (var item in streams.EventsAsync(sessionId, stream, cancellationToken: cancellationToken))
        {
            // The 2024-11-05 transport has no resumption: its events carry no id.
            yield return item with { EventId = null };
        }
    }

    [LoggerMessage(EventId = LogEvents.LegacyStreamOpened, Level = LogLevel.Debug, Message = "Legacy SSE session {Session} opened")]
    private static partial void LogOpened(ILogger logger, string session);

    [LoggerMessage(EventId = LogEvents.LegacyStreamClosed, Level = LogLevel.Debug, Message = "Legacy SSE session {Session} closed")]
    private static partial void LogClosed(ILogger logger, string session);

    [LoggerMessage(EventId = LogEvents.LegacyRequestFailed, Level = LogLevel.Warning, Message = "A legacy SSE request failed in the cluster: {ExceptionType}")]
    private static partial void LogServeFailed(ILogger logger, string exceptionType);
}
