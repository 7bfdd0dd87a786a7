using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Security;
using PandaMcp.Gateway.Sessions;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Gateway.Tools;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Gateway.Legacy;

/// <summary>
/// The 2024-11-05 HTTP+SSE transport at the paths PanDA's Python server uses and its Apache rules forward:
/// <c>GET /sse</c> opens the stream and announces <c>/messages/?session_id=…</c>, where the client POSTs. The
/// session is a grain: a POST may reach any gateway, which serves the message and puts the answer in the
/// session's stream, and the gateway holding the GET reads it from there. Closing the GET ends the session.
/// </summary>
public sealed partial class LegacySseEndpoints(
    IGrainFactory grains,
    IOptions<McpServerOptions> serverOptions,
    IOptions<SessionTransportOptions> sessionOptions,
    IOptions<PandaClientOptions> pandaOptions,
    IHostApplicationLifetime lifetime,
    GatewayMetrics metrics,
    IServiceProvider services,
    ILoggerFactory loggerFactory,
    ILogger<LegacySseEndpoints> logger)
{
    public const string StreamPath = "/sse";
    public const string MessagePath = "/messages/";
    private const string ProtocolVersion = "2024-11-05";

    public async Task OpenStreamAsync(HttpContext context)
    {
        var identity = CallerIdentity.Of(context);
        var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var session = grains.GetGrain<ISessionGrain>(sessionId);
        SessionEvent opened;
        try
        {
            if (!await grains.GetGrain<IIdentitySessionsGrain>(identity).TryReserveAsync())
            {
                metrics.RateLimitRejected(GatewayMetrics.SessionLimitPolicy);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await context.Response.WriteAsync("Too many open sessions for this identity. Close streams you no longer use, then open a new one.");
                return;
            }
            // No initialize parameters: the session is for this transport only (see SessionView.IsLegacy).
            await session.StartAsync(new SessionStart(identity, "", ProtocolVersion));
            // The stream exists from the start, so that its reader waits for the first answer.
            opened = await session.AppendAsync(LegacyMessageTransport.StreamId, SessionEventData.Priming(null));
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogServeFailed(logger, e.GetType().Name);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            await context.Response.WriteAsync("The cluster could not open a session just now. Try again in a few seconds.");
            return;
        }

        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        LogOpened(logger, sessionId);
        metrics.StreamOpened(GatewayMetrics.LegacySseTransport);
        try
        {
            await WriteEventAsync(context.Response, "endpoint", $"{context.Request.PathBase}{MessagePath}?session_id={sessionId}", stop.Token);
            var after = opened.Sequence;
            while (!stop.IsCancellationRequested)
            {
                var batch = await session.ReadAsync(LegacyMessageTransport.StreamId, after, sessionOptions.Value.StreamPollWait).WaitAsync(stop.Token);
                foreach (var sessionEvent in batch.Events)
                {
                    after = sessionEvent.Sequence;
                    if (sessionEvent.Data.MessageJson is { } json)
                    {
                        await WriteEventAsync(context.Response, "message", json, stop.Token);
                    }
                }
                // The open stream is the session's use: it must not expire while the client listens.
                if (batch.Ended || await session.TouchAsync(identity) is null)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away or the gateway is stopping: the usual end of an SSE stream.
        }
        finally
        {
            try
            {
                await session.EndAsync(identity);
            }
            catch (Exception e)
            {
                // The session then ends with its idle time.
                LogServeFailed(logger, e.GetType().Name);
            }
            LogClosed(logger, sessionId);
            metrics.StreamClosed(GatewayMetrics.LegacySseTransport);
        }
    }

    public async Task PostMessageAsync(HttpContext context)
    {
        var sessionId = context.Request.Query["session_id"].ToString();
        var credentials = CallerCredentials.From(context);
        var session = sessionId.Length > 0 ? grains.GetGrain<ISessionGrain>(sessionId) : null;
        if (session is null || await session.TouchAsync(CallerIdentity.Of(context)) is not { IsLegacy: true })
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("No open SSE stream has this session_id. Open a new stream with GET /sse.");
            return;
        }

        JsonRpcMessage? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync<JsonRpcMessage>(context.Request.Body, McpJsonUtilities.DefaultOptions, context.RequestAborted);
        }
        catch (JsonException)
        {
            message = null;
        }
        if (message is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("The body is not a JSON-RPC message. Send one JSON-RPC request or notification.");
            return;
        }

        if (message is JsonRpcRequest request)
        {
            // The answer goes out on the stream after this POST has ended: carry this POST's credentials with it.
            request.Context = new JsonRpcMessageContext { Items = new Dictionary<string, object?> { [CallerCredentials.ItemKey] = credentials } };
            _ = ServeAsync(session, request);
        }
        // Notifications (initialized, cancelled) need nothing from this server.
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsync("Accepted");
    }

    /// <summary>Serves one request with an SDK server of its own, until it has answered (or PanDA's time is up).</summary>
    private async Task ServeAsync(ISessionGrain session, JsonRpcRequest request)
    {
        await using var transport = new LegacyMessageTransport(session, request);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        try
        {
            await using var server = McpServer.Create(transport, serverOptions.Value, loggerFactory, services);
            var running = server.RunAsync(stop.Token);
            await transport.Answered.WaitAsync(pandaOptions.Value.Timeout + TimeSpan.FromSeconds(30), stop.Token);
            await stop.CancelAsync();
            await running;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Stopped with the gateway, or no answer in PanDA's time: the client's own timeout covers it.
        }
        catch (Exception e)
        {
            LogServeFailed(logger, e.GetType().Name);
        }
    }

    private static async Task WriteEventAsync(HttpResponse response, string type, string data, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes($"event: {type}\ndata: {data}\n\n"), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Legacy SSE session {SessionId} opened")]
    private static partial void LogOpened(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Legacy SSE session {SessionId} closed")]
    private static partial void LogClosed(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "A legacy SSE request failed in the cluster: {ExceptionType}")]
    private static partial void LogServeFailed(ILogger logger, string exceptionType);
}
