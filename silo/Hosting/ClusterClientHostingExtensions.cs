using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using PandaMcp.Silo.Panda;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Silo.Hosting;

/// <summary>Joins the PanDA cluster as an Orleans client: a gateway that hosts no silo.</summary>
public static class ClusterClientHostingExtensions
{
    /// <summary>
    /// An Orleans client of the cluster: silos found through Redis, or the localhost silo on
    /// <see cref="PandaClusterOptions.GatewayPort"/>. It keeps trying to connect until a silo answers.
    /// </summary>
    public static IHostApplicationBuilder AddPandaClusterClient(this IHostApplicationBuilder builder)
    {
        var cluster = PandaClusterOptions.Read(builder.Configuration);
        builder.Services.AddOptions<PandaClientOptions>()
            .BindConfiguration(PandaClientOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ClusterConnectionRetry>();
        builder.UseOrleansClient(client =>
        {
            if (TelemetryHostingExtensions.ExportsTraces(builder.Configuration))
            {
                client.AddActivityPropagation();
            }
            if (cluster.UsesRedis)
            {
                var redis = cluster.RedisConfiguration();
                client.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (cluster.ServiceId, cluster.ClusterId));
                client.UseRedisClustering(o => o.ConfigurationOptions = redis);
            }
            else
            {
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
            }
            client.UseConnectionRetryFilter<ClusterConnectionRetry>();
        });
        builder.Services.AddGrainCallTimeout<ClientMessagingOptions>();
        return builder;
    }
}
