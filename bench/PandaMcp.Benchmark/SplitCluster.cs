namespace PandaMcp.Benchmark;

/// <summary>
/// The split topology on this machine: a Redis, silo processes and gateway processes that host no silo, one
/// cluster through Redis, each on free loopback ports. Every process is killed by its pid when disposed.
/// </summary>
public sealed class SplitCluster : IAsyncDisposable
{
    /// <summary>A PanDA address for silos of a cluster whose grains never call PanDA; nothing listens there.</summary>
    public static readonly Uri NoPanda = new("http://127.0.0.1:9/api/v1");

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly List<ChildProcess> _started = [];
    private readonly ServerBinaries _binaries;
    private readonly Uri _pandaApiUrl;
    private readonly IReadOnlyList<string> _logArguments;

    private SplitCluster(RedisProcess redis, ServerBinaries binaries, Uri pandaApiUrl, IReadOnlyList<string> logArguments)
    {
        Redis = redis;
        _binaries = binaries;
        _pandaApiUrl = pandaApiUrl;
        _logArguments = logArguments;
    }

    public RedisProcess Redis { get; }

    public string ClusterId { get; } = $"bench-{Guid.NewGuid():N}";

    public IReadOnlyList<ChildProcess> Silos { get; private set; } = [];

    /// <summary>The silos' web addresses (health, metrics), in the order of <see cref="Silos"/>.</summary>
    public IReadOnlyList<Uri> SiloUrls { get; private set; } = [];

    /// <summary>The gateways' <c>/mcp</c> endpoints, in the order of <see cref="Gateways"/>.</summary>
    public IReadOnlyList<Uri> McpEndpoints { get; private set; } = [];

    public IReadOnlyList<ChildProcess> Gateways { get; private set; } = [];

    /// <summary>Every process of the cluster, Redis included: the ones whose CPU time its calls cost.</summary>
    public IReadOnlyList<ChildProcess> Processes => [.. Silos, .. Gateways, Redis.Process];

    public static async Task<SplitCluster> StartAsync(
        ServerBinaries binaries, int silos, int gateways, Uri pandaApiUrl, IReadOnlyList<string> logArguments, CancellationToken cancellationToken)
    {
        var cluster = new SplitCluster(await RedisProcess.StartAsync(StartTimeout, cancellationToken), binaries, pandaApiUrl, logArguments);
        try
        {
            var startedSilos = await Task.WhenAll(Enumerable.Range(1, silos).Select(i => cluster.StartSiloAsync($"silo-{i}", cancellationToken)));
            cluster.Silos = startedSilos.Select(silo => silo.Process).ToArray();
            cluster.SiloUrls = startedSilos.Select(silo => silo.Url).ToArray();
            // After the silos: a gateway reads the list of silos when it connects, and again only every minute.
            var started = await Task.WhenAll(Enumerable.Range(1, gateways).Select(i => cluster.StartGatewayAsync($"gateway-{i}", cancellationToken)));
            cluster.Gateways = started.Select(gateway => gateway.Process).ToArray();
            cluster.McpEndpoints = started.Select(gateway => gateway.Mcp).ToArray();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A silo of this cluster, started and ready; also one that replaces another (a rolling restart).</summary>
    public async Task<(ChildProcess Process, Uri Url)> StartSiloAsync(string name, CancellationToken cancellationToken)
    {
        var url = Loopback.Url(FreePort.Next());
        var silo = Track(ChildProcess.Start(name, _binaries.Silo,
            [$"--urls={Loopback.Authority(url)}", .. _logArguments],
            new Dictionary<string, string>(Settings())
            {
                ["PandaMcp__Cluster__SiloPort"] = $"{FreePort.Next()}",
                ["PandaMcp__Cluster__GatewayPort"] = $"{FreePort.Next()}",
                ["PandaMcp__Cluster__AdvertisedIP"] = "127.0.0.1",
            }));
        await silo.WaitUntilServingAsync(new Uri(url, "health/ready"), StartTimeout, cancellationToken, successOnly: true);
        return (silo, url);
    }

    /// <summary>A gateway of this cluster (no silo of its own), started and ready, with its <c>/mcp</c> endpoint.</summary>
    public async Task<(ChildProcess Process, Uri Mcp)> StartGatewayAsync(string name, CancellationToken cancellationToken)
    {
        var url = Loopback.Url(FreePort.Next());
        var gateway = Track(ChildProcess.Start(name, _binaries.Gateway,
            [$"--urls={Loopback.Authority(url)}", .. _logArguments],
            new Dictionary<string, string>(Settings())
            {
                ["PandaMcp__Gateway__HostSilo"] = "false",
                // Thousands of calls per second from one caller is the point here, not a runaway agent.
                ["PandaMcp__Security__CallsPerSecond"] = "0",
            }));
        await gateway.WaitUntilServingAsync(new Uri(url, "health/ready"), StartTimeout, cancellationToken, successOnly: true);
        return (gateway, new Uri(url, "mcp"));
    }

    /// <summary>What every process of the cluster shares: Redis and the cluster's ids.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        // Silos call PanDA there; gateways read PanDA's auth configuration there, to verify tokens.
        ["PANDA_API_URL_SSL"] = _pandaApiUrl.ToString(),
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
