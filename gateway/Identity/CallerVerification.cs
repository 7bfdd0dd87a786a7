using PandaMcp.Contracts;
using PandaMcp.Gateway.Protocol;

namespace PandaMcp.Gateway.Identity;

/// <summary>
/// Verifies the bearer token of each MCP request (<see cref="TokenVerifier"/>) before any session, stream, limit or
/// PanDA call uses who the caller is. A request without a token goes on anonymous. A token that does not check out
/// gets 401 with <c>WWW-Authenticate: Bearer error="invalid_token"</c> and a sentence saying what is wrong; when the
/// VO's identity provider cannot be read and none of its keys are known, 503 with <c>Retry-After</c>.
/// </summary>
public sealed partial class CallerVerification(RequestDelegate next, TokenVerifier verifier, ILogger<CallerVerification> logger)
{
    private const int RetryAfterSeconds = 30;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Features.Get<McpRequest>()!;
        if (CallerCredentials.BearerToken(request.Credentials.Authorization) is not { } token)
        {
            await next(context);
            return;
        }
        var verdict = await verifier.VerifyAsync(token, request.Credentials.Origin, context.RequestAborted);
        switch (verdict.Kind)
        {
            case TokenVerdictKind.Verified:
                request.Verified(verdict.Identity!);
                await next(context);
                return;
            case TokenVerdictKind.Refused:
                LogRefused(logger, verdict.Problem!);
                // RFC 6750: the error code, and a description without quotes or backslashes.
                context.Response.Headers.WWWAuthenticate =
                    $"Bearer error=\"invalid_token\", error_description=\"{verdict.Problem!.Replace('"', '\'').Replace('\\', '/')}\"";
                await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status401Unauthorized, verdict.Problem!, context.RequestAborted);
                return;
            default:
                LogUnavailable(logger, verdict.Problem!);
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status503ServiceUnavailable, verdict.Problem!, context.RequestAborted);
                return;
        }
    }

    [LoggerMessage(EventId = LogEvents.TokenRefused, Level = LogLevel.Information, Message = "Token refused: {Problem}")]
    private static partial void LogRefused(ILogger logger, string problem);

    [LoggerMessage(EventId = LogEvents.IdentityProviderUnavailable, Level = LogLevel.Warning, Message = "Token not checked: {Problem}")]
    private static partial void LogUnavailable(ILogger logger, string problem);
}
