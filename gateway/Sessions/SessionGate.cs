using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Security;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Gateway.Tools;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// Checks every session request against the session's grain before the SDK sees it, so that all gateways
/// agree: a session that was ended (DELETE on any gateway), expired, or belongs to another identity gets 404
/// as if it never existed, and a new session needs a free place in its identity's limit.
/// </summary>
public sealed partial class SessionGate(RequestDelegate next, IGrainFactory grains, GatewayMetrics metrics, ILogger<SessionGate> logger)
{
    private const string SessionHeader = "Mcp-Session-Id";
    private const string ViewKey = "panda.session";

    /// <summary>What the gate learned of the request's session, for the SDK's migration hook.</summary>
    public static SessionView? ViewOf(HttpContext context) => context.Items.TryGetValue(ViewKey, out var view) ? view as SessionView : null;

    public async Task InvokeAsync(HttpContext context)
    {
        if (McpProtocolHeaders.IsSessionless(context.Request))
        {
            await next(context);
            return;
        }
        bool admitted;
        try
        {
            try
            {
                admitted = await AdmitAsync(context);
            }
            catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException)
            {
                // A silo leaving: the lookup is safe to repeat, and a second one finds the grain where it went.
                admitted = await AdmitAsync(context);
            }
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The cluster could not answer (a silo or Redis is down): a clear, retryable refusal, not a 500.
            LogClusterUnavailable(logger, e.GetType().Name);
            context.Response.Headers.RetryAfter = "5";
            await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status503ServiceUnavailable, -32000,
                "The cluster could not look up this session just now. Try again in a few seconds.", null, context.RequestAborted);
            return;
        }
        if (admitted)
        {
            await next(context);
        }
    }

    /// <summary>Checks the request against its session (or its identity's limit); false once it has been answered.</summary>
    private async Task<bool> AdmitAsync(HttpContext context)
    {
        var identity = CallerIdentity.Of(context);
        var sessionId = context.Request.Headers[SessionHeader].ToString();
        if (sessionId.Length == 0)
        {
            if (HttpMethods.IsPost(context.Request.Method) && await IsInitializeAsync(context.Request)
                && !await grains.GetGrain<IIdentitySessionsGrain>(identity).TryReserveAsync())
            {
                LogLimitReached(logger, identity);
                metrics.RateLimitRejected(GatewayMetrics.SessionLimitPolicy);
                await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status429TooManyRequests, -32000,
                    "Too many open sessions for this identity. End sessions you no longer use (HTTP DELETE) or wait for idle ones to expire, then initialize again.", null, context.RequestAborted);
                return false;
            }
            return true;
        }

        var session = grains.GetGrain<ISessionGrain>(sessionId);
        var found = HttpMethods.IsDelete(context.Request.Method)
            ? await session.EndAsync(identity)
            : await session.TouchAsync(identity) is { } view && !view.IsLegacy && Keep(context, view);
        if (!found)
        {
            await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status404NotFound, -32001,
                "Session not found: it does not exist, was ended, or expired after being idle. Start a new session with initialize.", null, context.RequestAborted);
        }
        return found;
    }

    private static bool Keep(HttpContext context, SessionView view)
    {
        context.Items[ViewKey] = view;
        return true;
    }

    /// <summary>Only an initialize may come without a session; anything else the SDK refuses without a place reserved.</summary>
    private static async Task<bool> IsInitializeAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object
                && body.RootElement.TryGetProperty("method", out var method)
                && method.ValueKind == JsonValueKind.String
                && method.ValueEquals(RequestMethods.Initialize);
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "A session could not be checked in the cluster: {ExceptionType}")]
    private static partial void LogClusterUnavailable(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Identity {Identity} is at its session limit")]
    private static partial void LogLimitReached(ILogger logger, string identity);
}
