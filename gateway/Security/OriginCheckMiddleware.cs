using Microsoft.Extensions.Options;
using PandaMcp.Contracts;
using PandaMcp.Gateway.Protocol;

namespace PandaMcp.Gateway.Security;

/// <summary>Answers 403 to a request whose <c>Origin</c> the <see cref="OriginPolicy"/> refuses, before anything else reads it.</summary>
public sealed partial class OriginCheckMiddleware(RequestDelegate next, IOptions<SecurityOptions> options, ILogger<OriginCheckMiddleware> logger)
{
    private readonly OriginPolicy _policy = new(options.Value);

    public Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (_policy.Accepts(origin))
        {
            return next(context);
        }
        LogRefused(logger, context.Request.Method, context.Request.Path);
        return GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status403Forbidden, _policy.Refusal(origin), context.RequestAborted);
    }

    // Not the Origin itself: it is the caller's to choose, and a log is no place for what a caller chooses.
    [LoggerMessage(EventId = LogEvents.OriginRefused, Level = LogLevel.Information, Message = "Refused {Method} {Path}: its Origin is neither an allowed VO nor an allowed web origin")]
    private static partial void LogRefused(ILogger logger, string method, PathString path);
}
