using Microsoft.Extensions.DependencyInjection.Extensions;
using PandaMcp.Gateway.Hosting;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Gateway.Telemetry;

/// <summary>The gateway's metrics, traces and logs: the shared OpenTelemetry set-up, its own instruments, its start-up line.</summary>
public static class GatewayTelemetryHostingExtensions
{
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        builder.AddPandaTelemetry();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddHostedService<GatewayStartupSummary>();
        return builder;
    }

    /// <summary>Names the MCP session in the log scope of each request that carries one.</summary>
    public static WebApplication UseSessionLogScope(this WebApplication app)
    {
        app.UseMiddleware<SessionLogScopeMiddleware>();
        return app;
    }
}
