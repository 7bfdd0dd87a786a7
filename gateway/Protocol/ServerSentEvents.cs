using System.Buffers;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.Features;

namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// An SSE answer, framed by the framework's <see cref="SseFormatter"/>: each item's data is a JSON-RPC message as
/// UTF-8 bytes (none for an event that only carries an id, such as the start of a stream).
/// </summary>
public static class ServerSentEvents
{
    /// <summary>The event type of JSON-RPC messages (the SSE default).</summary>
    public const string MessageEvent = "message";

    /// <summary>Sends the headers of an event stream that no proxy may buffer, as the SDK does.</summary>
    public static Task StartAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = McpProtocol.EventStreamMediaType;
        response.Headers.CacheControl = "no-cache,no-store";
        response.Headers.ContentEncoding = "identity";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
        return response.StartAsync(cancellationToken);
    }

    public static Task WriteAsync(HttpResponse response, IAsyncEnumerable<SseItem<byte[]?>> events, CancellationToken cancellationToken) =>
        SseFormatter.WriteAsync(events, response.Body, static (item, writer) => writer.Write(item.Data ?? []), cancellationToken);
}
