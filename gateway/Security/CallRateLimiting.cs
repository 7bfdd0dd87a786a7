using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Gateway.Tools;

namespace PandaMcp.Gateway.Security;

/// <summary>
/// Calls per second per caller (ASP.NET rate limiting, a token bucket per <see cref="CallerIdentity"/>): every
/// POST counts, since each carries an MCP message; GETs (streams) and DELETEs do not. Callers without a token
/// are told apart by their address. A refused call gets 429, <c>Retry-After</c> and a JSON-RPC error.
/// </summary>
public static partial class CallRateLimiting
{
    private static readonly TimeSpan ReplenishmentTimer = TimeSpan.FromMilliseconds(100);

    public static IServiceCollection AddCallRateLimiting(this IServiceCollection services)
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
            options.CallsPerSecond > 0 && HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetTokenBucketLimiter(CallerKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokensPerPeriod = options.CallsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    TokenLimit = options.CallBurst,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));

    private static string CallerKey(HttpContext context) =>
        CallerIdentity.Of(context) is var identity && identity == CallerIdentity.Anonymous
            ? $"{identity}:{context.Connection.RemoteIpAddress}"
            : identity;

    private static ValueTask RefuseAsync(HttpContext context, RateLimitLease lease, SecurityOptions options, CancellationToken cancellationToken)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        // The partitioned limiter refills its buckets on a 100 ms timer: a caller that waited the bucket's own
        // figure to the millisecond could be refused once more.
        var seconds = (int)Math.Ceiling((wait + ReplenishmentTimer).TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        LogRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallRateLimiting)), CallerKey(context), seconds);
        context.RequestServices.GetRequiredService<GatewayMetrics>().RateLimitRejected(GatewayMetrics.CallRatePolicy);
        return new ValueTask(GatewayRefusal.WriteAsync(
            context.Response,
            StatusCodes.Status429TooManyRequests,
            $"Too many calls from this caller: the gateway takes {options.CallsPerSecond} per second, in bursts of up to {options.CallBurst}. "
            + $"Wait {seconds} s (Retry-After) and send the call again, one at a time.",
            cancellationToken));
    }

    // The caller's fingerprint, never its token: a hash of issuer and subject, or the address of an anonymous caller.
    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Refused a call from {Caller}: over its rate limit, told to wait {Seconds} s")]
    private static partial void LogRefused(ILogger logger, string caller, int seconds);
}
