namespace PandaMcp.Gateway.Telemetry;

/// <summary>
/// Counts the Streamable HTTP GET streams (a session's stream, or a resumed one) open on this gateway, from the
/// moment their event stream starts until the response is done, however late it starts (a resumed stream with
/// nothing to replay only starts when the request ends).
/// </summary>
public sealed class StreamCountingMiddleware(RequestDelegate next, GatewayMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.Ordinal) == true)
                {
                    metrics.StreamOpened(GatewayMetrics.StreamableHttpTransport);
                    context.Response.OnCompleted(() =>
                    {
                        metrics.StreamClosed(GatewayMetrics.StreamableHttpTransport);
                        return Task.CompletedTask;
                    });
                }
                return Task.CompletedTask;
            });
        }
        return next(context);
    }
}
