using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PandaMcp.Silo.Hosting;

namespace PandaMcp.Benchmark;

/// <summary>
/// The benchmark as an Orleans client of a split cluster, joined through its Redis as a gateway joins it; it
/// leaves the cluster cleanly when disposed (before the silos are killed).
/// </summary>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClient(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<ClusterClient> JoinAsync(SplitCluster cluster, CancellationToken cancellationToken)
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
        return new ClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
