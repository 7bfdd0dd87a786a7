using PandaMcp.Gateway.Protocol;

namespace PandaMcp.Gateway.Cluster;

/// <summary>Answers MCP requests with 503 and a reason while the cluster's Redis cannot be reached.</summary>
public sealed class ClusterStoreGate(RequestDelegate next, ClusterStoreMonitor store)
{
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        if (store.IsAvailable)
        {
            await next(context);
            return;
        }
        context.Response.Headers.RetryAfter = $"{RetryAfterSeconds}";
        await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status503ServiceUnavailable,
            $"The cluster's session store (Redis) cannot be reached, so no request can be served now. Try again in {RetryAfterSeconds} seconds.",
            context.RequestAborted);
    }
}
