using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PandaMcp.Silo.Hosting;

/// <summary>A graceful stop for silos and gateways: drain first (not ready, still serving), then a bounded stop.</summary>
public static class ShutdownHostingExtensions
{
    public static IHostApplicationBuilder AddGracefulShutdown(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ShutdownOptions>()
            .BindConfiguration(ShutdownOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.DrainDelay + shutdown.Value.Timeout);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DrainOnShutdown>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<DrainOnShutdown>());
        builder.Services.AddHealthChecks().AddCheck<DrainOnShutdown>("stopping", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
