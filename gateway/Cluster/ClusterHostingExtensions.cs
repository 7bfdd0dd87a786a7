using PandaMcp.Gateway.Hosting;
using PandaMcp.Silo.Cluster;
using PandaMcp.Silo.Hosting;

namespace PandaMcp.Gateway.Cluster;

/// <summary>
/// How the gateway reaches the grains: a silo inside the gateway process (all-in-one, the default), or the
/// cluster's silos as an Orleans client (<c>PandaMcp:Gateway:HostSilo=false</c>).
/// </summary>
public static class ClusterHostingExtensions
{
    public static WebApplicationBuilder AddPandaCluster(this WebApplicationBuilder builder)
    {
        var hostSilo = builder.Configuration.GetSection(GatewayOptions.SectionName).GetValue(nameof(GatewayOptions.HostSilo), true);
        if (hostSilo)
        {
            builder.AddPandaSilo();
            builder.AddSiloHealthChecks();
        }
        else
        {
            // The web host starts serving only once the client has reached a silo.
            builder.AddPandaClusterClient();
            builder.AddClusterClientHealthChecks();
            builder.Services.AddSingleton<ClusterConnectionLosses>();
            builder.Services.AddSingleton<IClusterConnectionStatusObserver>(provider => provider.GetRequiredService<ClusterConnectionLosses>());
            builder.Services.AddSingleton(provider => new GrainCallRetries(
                provider.GetRequiredService<ClusterConnectionLosses>(), provider.GetRequiredService<TimeProvider>()));
        }
        builder.Services.AddSingleton<ModuleGrainRouter>();
        builder.Services.AddPublicReads();
        builder.Services.AddSingleton(PandaClusterOptions.Read(builder.Configuration));
        builder.Services.AddSingleton<ClusterStoreMonitor>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ClusterStoreMonitor>());
        return builder;
    }
}
