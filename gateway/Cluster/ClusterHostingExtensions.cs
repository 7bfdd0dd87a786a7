using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PandaMcp.Silo.Hosting;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Gateway.Cluster;

/// <summary>Runs a silo inside the gateway process: the all-in-one mode for a laptop and the tests.</summary>
public static class ClusterHostingExtensions
{
    public static WebApplicationBuilder AddInProcessSilo(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(PandaClusterOptions.SectionName).Get<PandaClusterOptions>() ?? new();
        Validator.ValidateObject(cluster, new ValidationContext(cluster), validateAllProperties: true);

        builder.Services.AddPandaClient();
        builder.Services.AddSingleton<ModuleGrainRouter>();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
            silo.AddMemoryGrainStorageAsDefault();
        });
        // A grain call must outlive the REST call it makes, or the caller would give up before PanDA's timeout.
        builder.Services.AddOptions<SiloMessagingOptions>()
            .Configure<IOptions<PandaClientOptions>>((messaging, panda) =>
                messaging.ResponseTimeout = panda.Value.Timeout + TimeSpan.FromSeconds(15));
        return builder;
    }
}
