namespace PandaMcp.Gateway.Telemetry;

/// <summary>
/// Counts the Streamable HTTP GET streams (a session's stream, or a resumed one) open on this gateway, from the
/// moment the SDK starts the event stream until the request ends.
/// </summary>
public sealed class StreamCountingMiddleware(RequestDelegate next, GatewayMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }
        var open = false;
        context.Response.OnStarting(() =>
        {
            if (context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.Ordinal) == true)
            {
                metrics.StreamOpened(GatewayMetrics.StreamableHttpTransport);
                open = true;
            }
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            if (open)
            {
                metrics.StreamClosed(GatewayMetrics.StreamableHttpTransport);
            }
        }
    }
}
