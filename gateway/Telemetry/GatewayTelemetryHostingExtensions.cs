using Microsoft.Extensions.DependencyInjection.Extensions;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Gateway.Telemetry;

/// <summary>The gateway's metrics and traces: the shared OpenTelemetry set-up and its own instruments.</summary>
public static class GatewayTelemetryHostingExtensions
{
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        builder.AddPandaTelemetry();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GatewayMetrics>();
        return builder;
    }
}
