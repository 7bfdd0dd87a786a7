using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Gateway.Telemetry;

/// <summary>
/// Puts a request's MCP session (the <c>Mcp-Session-Id</c> header, or the legacy transport's <c>session_id</c>) in the
/// log scope, so that every line its handlers write names the session: by its grain key, a hash of the id, which
/// also names it in the silos' lines and gives no one the id to present. Tool handlers run in the request's
/// execution context, so the scope reaches them.
/// </summary>
public sealed class SessionLogScopeMiddleware(RequestDelegate next, ILogger<SessionLogScopeMiddleware> logger)
{
    /// <summary>Session ids the SDK mints are far shorter; a longer header is not one, and is not copied into logs.</summary>
    private const int MaxSessionIdLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var sessionId = context.Request.Headers["Mcp-Session-Id"].ToString() is { Length: > 0 } header
            ? header
            : context.Request.Query["session_id"].ToString();
        if (sessionId.Length is 0 or > MaxSessionIdLength)
        {
            await next(context);
            return;
        }
        using var scope = GatewayLogScopes.BeginSession(logger, SessionGrains.KeyOf(sessionId));
        await next(context);
    }
}
