using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PandaMcp.Silo.Hosting;

namespace PandaMcp.Benchmark;

/// <summary>The benchmark as an Orleans client of a split cluster, joined through its Redis as a gateway joins it.</summary>
public static class ClusterClient
{
    public static async Task<IHost> JoinAsync(SplitCluster cluster, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{PandaClusterOptions.SectionName}:Redis"] = cluster.Redis.ConnectionString,
            [$"{PandaClusterOptions.SectionName}:ClusterId"] = cluster.ClusterId,
            [$"{PandaClusterOptions.SectionName}:ServiceId"] = cluster.ClusterId,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPandaClusterClient();
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }
}
