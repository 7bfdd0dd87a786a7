using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Gateway.Tools;

namespace PandaMcp.Gateway.Legacy;

/// <summary>
/// The 2024-11-05 HTTP+SSE transport at the paths PanDA's Python server uses and its Apache rules forward:
/// <c>GET /sse</c> opens the stream and announces <c>/messages/?session_id=…</c>, where the client POSTs.
/// The SDK's own legacy endpoints use other paths (<c>/message?sessionId=</c>), so these are mapped here on
/// the SDK's transport and server. Sessions live in this process.
/// </summary>
public sealed partial class LegacySseEndpoints(
    IOptions<McpServerOptions> serverOptions,
    IHostApplicationLifetime lifetime,
    GatewayMetrics metrics,
    ILoggerFactory loggerFactory,
    ILogger<LegacySseEndpoints> logger)
{
    public const string StreamPath = "/sse";
    public const string MessagePath = "/messages/";

    private readonly ConcurrentDictionary<string, SseResponseStreamTransport> _sessions = new(StringComparer.Ordinal);

    public async Task OpenStreamAsync(HttpContext context)
    {
        var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);

        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();

        var messageUrl = $"{context.Request.PathBase}{MessagePath}?session_id={sessionId}";
        await using var transport = new SseResponseStreamTransport(context.Response.Body, messageUrl, sessionId);
        _sessions[sessionId] = transport;
        LogOpened(logger, sessionId);
        metrics.StreamOpened(GatewayMetrics.LegacySseTransport);
        try
        {
            var running = transport.RunAsync(stop.Token);
            try
            {
                await using var server = McpServer.Create(transport, serverOptions.Value, loggerFactory, context.RequestServices);
                await server.RunAsync(stop.Token);
            }
            finally
            {
                await transport.DisposeAsync();
                await running;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The client went away or the gateway is stopping: the usual end of an SSE stream.
        }
        finally
        {
            _sessions.TryRemove(sessionId, out _);
            LogClosed(logger, sessionId);
            metrics.StreamClosed(GatewayMetrics.LegacySseTransport);
        }
    }

    public async Task PostMessageAsync(HttpContext context)
    {
        var sessionId = context.Request.Query["session_id"].ToString();
        if (sessionId.Length == 0 || !_sessions.TryGetValue(sessionId, out var transport))
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

        // The answer goes out on the stream, after this POST has ended: carry this POST's credentials with the message.
        message.Context = new JsonRpcMessageContext { Items = new Dictionary<string, object?> { [CallerCredentials.ItemKey] = CallerCredentials.From(context) } };
        await transport.OnMessageReceivedAsync(message, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        await context.Response.WriteAsync("Accepted");
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Legacy SSE session {SessionId} opened")]
    private static partial void LogOpened(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Legacy SSE session {SessionId} closed")]
    private static partial void LogClosed(ILogger logger, string sessionId);
}
