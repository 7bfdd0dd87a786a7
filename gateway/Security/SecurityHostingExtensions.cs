namespace PandaMcp.Gateway.Security;

/// <summary>The checks every request passes before MCP sees it: its Origin, then its caller's rate.</summary>
public static class SecurityHostingExtensions
{
    public static WebApplicationBuilder AddPandaSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddCallerLimiting();
        return builder;
    }

    /// <summary>Host is checked before these, by ASP.NET's host filtering (<c>AllowedHosts</c>).</summary>
    public static WebApplication UsePandaSecurity(this WebApplication app)
    {
        app.UseMiddleware<OriginCheckMiddleware>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>After the body-size check: the shape of each POSTed message, before MCP reads it.</summary>
    public static WebApplication UseJsonRpcBodyCheck(this WebApplication app)
    {
        app.UseMiddleware<JsonRpcBodyCheckMiddleware>();
        return app;
    }
}
