namespace PandaMcp.Gateway.Security;

/// <summary>The checks every request passes before MCP work: its Origin, and its caller's rate.</summary>
public static class SecurityHostingExtensions
{
    public static WebApplicationBuilder AddPandaSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddForwardedCallers();
        builder.Services.AddCallerLimiting();
        return builder;
    }

    /// <summary>Host is checked before this, by ASP.NET's host filtering (<c>AllowedHosts</c>).</summary>
    public static WebApplication UseOriginCheck(this WebApplication app)
    {
        app.UseMiddleware<OriginCheckMiddleware>();
        return app;
    }

    /// <summary>After the request is read: the limits count per caller, whom the request names.</summary>
    public static WebApplication UseCallerLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }
}
