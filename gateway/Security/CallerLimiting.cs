using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using PandaMcp.Contracts;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Telemetry;

namespace PandaMcp.Gateway.Security;

/// <summary>
/// What one caller (<see cref="McpRequest.Identity"/>; callers without a token are told apart by their address) may use
/// of this gateway, with ASP.NET rate limiting: tool calls per second (a token bucket; only <c>tools/call</c>
/// counts, the requests that reach PanDA, not the protocol's own chatter: initialize, ping, lists, notifications,
/// DELETE) and SSE streams open at once (a concurrency limit on the GETs of <c>/mcp</c> and
/// <c>/sse</c>, held while the stream is open). A refusal gets 429, <c>Retry-After</c> and a JSON-RPC error.
/// </summary>
public static partial class CallerLimiting
{
    private static readonly TimeSpan ReplenishmentTimer = TimeSpan.FromMilliseconds(100);

    public static IServiceCollection AddCallerLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        // A singleton, so that the container disposes it, and stops its refill timer, with the host.
        services.AddSingleton(provider => PerCaller(provider.GetRequiredService<IOptions<SecurityOptions>>().Value));
        services.AddOptions<RateLimiterOptions>().Configure<PartitionedRateLimiter<HttpContext>, IOptions<SecurityOptions>>((limiter, perCaller, security) =>
        {
            limiter.GlobalLimiter = perCaller;
            limiter.OnRejected = (rejected, cancellationToken) => RefuseAsync(rejected.HttpContext, rejected.Lease, security.Value, cancellationToken);
        });
        return services;
    }

    private static PartitionedRateLimiter<HttpContext> PerCaller(SecurityOptions options) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (options.CallsPerSecond > 0 && context.Features.Get<McpRequest>()?.Method == RequestMethods.ToolsCall)
            {
                return RateLimitPartition.GetTokenBucketLimiter("calls:" + CallerKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokensPerPeriod = options.CallsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    TokenLimit = options.CallBurst,
                    QueueLimit = 0,
                });
            }
            if (options.MaxStreamsPerCaller > 0 && IsStream(context.Request))
            {
                return RateLimitPartition.GetConcurrencyLimiter("streams:" + CallerKey(context), _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = options.MaxStreamsPerCaller,
                    QueueLimit = 0,
                });
            }
            return RateLimitPartition.GetNoLimiter("");
        });

    private static bool IsStream(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && (request.Path.StartsWithSegments(McpPaths.Mcp) || request.Path.StartsWithSegments(McpPaths.LegacyStream));

    private static string CallerKey(HttpContext context) =>
        (context.Features.Get<McpRequest>()?.Identity ?? CallerIdentity.Anonymous) is var identity
        && identity == CallerIdentity.Anonymous
            ? $"{identity}:{context.Connection.RemoteIpAddress}"
            : identity;

    private static ValueTask RefuseAsync(HttpContext context, RateLimitLease lease, SecurityOptions options, CancellationToken cancellationToken)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        // The partitioned limiter refills its buckets on a 100 ms timer: a caller that waited the bucket's own
        // figure to the millisecond could be refused once more.
        var seconds = (int)Math.Ceiling((wait + ReplenishmentTimer).TotalSeconds);
        var stream = IsStream(context.Request);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        LogRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallerLimiting)), CallerKey(context), stream ? "streams" : "calls", seconds);
        context.RequestServices.GetRequiredService<GatewayMetrics>().RateLimitRejected(stream ? GatewayMetrics.StreamLimitPolicy : GatewayMetrics.CallRatePolicy);
        return new ValueTask(GatewayRefusal.WriteAsync(
            context.Response,
            StatusCodes.Status429TooManyRequests,
            stream
                ? $"Too many open streams from this caller: this gateway keeps up to {options.MaxStreamsPerCaller} open per caller. "
                  + "Close streams you no longer read, then open this one again."
                : $"Too many calls from this caller: the gateway takes {options.CallsPerSecond} per second, in bursts of up to {options.CallBurst}. "
                  + $"Wait {seconds} s (Retry-After) and send the call again, one at a time.",
            cancellationToken));
    }

    // The caller's fingerprint, never its token: a hash of issuer and subject, or the address of an anonymous caller.
    [LoggerMessage(EventId = LogEvents.CallerLimited, Level = LogLevel.Information, Message = "Refused a request from {Caller}: over its limit of {Limit}, told to wait {Seconds} s")]
    private static partial void LogRefused(ILogger logger, string caller, string limit, int seconds);
}
