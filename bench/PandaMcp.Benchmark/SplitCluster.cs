namespace PandaMcp.Benchmark;

/// <summary>
/// The split topology on this machine: a Redis, silo processes and gateway processes that host no silo, one
/// cluster through Redis, each on free loopback ports. Every process is killed by its pid when disposed.
/// </summary>
public sealed class SplitCluster : IAsyncDisposable
{
    /// <summary>A PanDA address for silos of a cluster whose grains never call PanDA; nothing listens there.</summary>
    public static readonly Uri NoPanda = new("http://127.0.0.1:9/api/v1");

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly List<ChildProcess> _started = [];

    private SplitCluster(RedisProcess redis) => Redis = redis;

    public RedisProcess Redis { get; }

    public string ClusterId { get; } = $"bench-{Guid.NewGuid():N}";

    public IReadOnlyList<ChildProcess> Silos { get; private set; } = [];

    /// <summary>The gateways' <c>/mcp</c> endpoints, in the order of <see cref="Gateways"/>.</summary>
    public IReadOnlyList<Uri> McpEndpoints { get; private set; } = [];

    public IReadOnlyList<ChildProcess> Gateways { get; private set; } = [];

    /// <summary>Every process of the cluster, Redis included: the ones whose CPU time its calls cost.</summary>
    public IReadOnlyList<ChildProcess> Processes => [.. Silos, .. Gateways, Redis.Process];

    public static async Task<SplitCluster> StartAsync(
        ServerBinaries binaries, int silos, int gateways, Uri pandaApiUrl, IReadOnlyList<string> logArguments, CancellationToken cancellationToken)
    {
        var cluster = new SplitCluster(await RedisProcess.StartAsync(StartTimeout, cancellationToken));
        try
        {
            var siloUrls = Enumerable.Range(0, silos).Select(_ => Loopback.Url(FreePort.Next())).ToArray();
            cluster.Silos = siloUrls.Select((url, i) => cluster.Track(ChildProcess.Start($"silo-{i + 1}", binaries.Silo,
                [$"--urls={Loopback.Authority(url)}", .. logArguments],
                new Dictionary<string, string>(cluster.Settings())
                {
                    ["PandaMcp__Cluster__SiloPort"] = $"{FreePort.Next()}",
                    ["PandaMcp__Cluster__GatewayPort"] = $"{FreePort.Next()}",
                    ["PandaMcp__Cluster__AdvertisedIP"] = "127.0.0.1",
                    ["PANDA_API_URL_SSL"] = pandaApiUrl.ToString(),
                }))).ToArray();
            await Task.WhenAll(cluster.Silos.Select((silo, i) =>
                silo.WaitUntilServingAsync(new Uri(siloUrls[i], "health/ready"), StartTimeout, cancellationToken, successOnly: true)));

            // After the silos: a gateway reads the list of silos when it connects, and again only every minute.
            var gatewayUrls = Enumerable.Range(0, gateways).Select(_ => Loopback.Url(FreePort.Next())).ToArray();
            cluster.Gateways = gatewayUrls.Select((url, i) => cluster.Track(ChildProcess.Start($"gateway-{i + 1}", binaries.Gateway,
                [$"--urls={Loopback.Authority(url)}", .. logArguments],
                new Dictionary<string, string>(cluster.Settings())
                {
                    ["PandaMcp__Gateway__HostSilo"] = "false",
                    // Thousands of calls per second from one caller is the point here, not a runaway agent.
                    ["PandaMcp__Security__CallsPerSecond"] = "0",
                }))).ToArray();
            await Task.WhenAll(cluster.Gateways.Select((gateway, i) =>
                gateway.WaitUntilServingAsync(new Uri(gatewayUrls[i], "health/ready"), StartTimeout, cancellationToken, successOnly: true)));
            cluster.McpEndpoints = gatewayUrls.Select(url => new Uri(url, "mcp")).ToArray();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>What every process of the cluster shares: Redis and the cluster's ids.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["PandaMcp__Cluster__Redis"] = Redis.ConnectionString,
        ["PandaMcp__Cluster__ClusterId"] = ClusterId,
        ["PandaMcp__Cluster__ServiceId"] = ClusterId,
    };

    private ChildProcess Track(ChildProcess process)
    {
        _started.Add(process);
        return process;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _started)
        {
            await process.DisposeAsync();
        }
        await Redis.DisposeAsync();
    }
}
