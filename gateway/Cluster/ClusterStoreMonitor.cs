using PandaMcp.Silo.Hosting;
using StackExchange.Redis;

namespace PandaMcp.Gateway.Cluster;

/// <summary>
/// Watches the gateway's connection to the cluster's Redis, so that while Redis is down requests fail at once
/// with 503 instead of waiting for storage timeouts in the silos. StackExchange.Redis notices a lost server
/// within its heartbeat and reconnects by itself when Redis is back.
/// </summary>
public sealed class ClusterStoreMonitor(PandaClusterOptions cluster) : IHostedService, IAsyncDisposable
{
    private ConnectionMultiplexer? _redis;

    /// <summary>True without Redis (nothing to watch), else whether Redis is reachable now.</summary>
    public bool IsAvailable => !cluster.UsesRedis || _redis?.IsConnected == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (cluster.UsesRedis)
        {
            var options = cluster.RedisConfiguration();
            options.AbortOnConnectFail = false;
            _redis = await ConnectionMultiplexer.ConnectAsync(options);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
