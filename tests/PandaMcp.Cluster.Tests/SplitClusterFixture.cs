using PandaMcp.Testing;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Client;
using PandaEmulator;
using Orleans.Runtime;
using PandaMcp.Silo.Hosting;

namespace PandaMcp.Cluster.Tests;

/// <summary>
/// The split topology on one machine: a Redis, the PanDA emulator, two silo processes and two gateway processes
/// (<c>HostSilo=false</c>) that join them through Redis. All are stopped by pid at the end, also after a failure.
/// </summary>
public sealed class SplitClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<ClusterProcess> _processes = [];

    public RedisServer Redis { get; private set; } = null!;
    public RunningEmulator Emulator { get; private set; } = null!;
    public string ClusterId { get; } = $"split-{Guid.NewGuid():N}";
    public IReadOnlyList<ClusterProcess> Silos { get; private set; } = [];
    public IReadOnlyList<ClusterProcess> Gateways { get; private set; } = [];
    public HttpClient Http { get; } = new();

    public async Task InitializeAsync()
    {
        try
        {
            Redis = await RedisServer.StartAsync(StartTimeout);
            Emulator = await EmulatorApp.StartAsync();
            Silos = [StartSilo("silo-1", ClusterId), StartSilo("silo-2", ClusterId)];
            await Task.WhenAll(Silos.Select(p => p.WaitForAsync(HealthEndpoints.ReadyPath, Http, StartTimeout)));
            // After the silos: a client reads the list of silos when it connects, and again only every minute.
            Gateways = [StartGateway("gateway-1", ClusterId), StartGateway("gateway-2", ClusterId)];
            await Task.WhenAll(Gateways.Select(p => p.WaitForAsync(HealthEndpoints.ReadyPath, Http, StartTimeout)));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A silo process of <paramref name="clusterId"/>, on free ports, calling the emulator; stopped with the fixture.
    /// It uses the fixture's Redis unless given another.
    /// </summary>
    public ClusterProcess StartSilo(string name, string clusterId, RedisServer? redis = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var siloPort = FreePort.Next();
        return Track(ClusterProcess.Start(name, "PandaMcp.Silo.dll", new Dictionary<string, string>(ClusterEnvironment(clusterId, redis, settings))
        {
            ["PandaMcp__Cluster__SiloPort"] = $"{siloPort}",
            ["PandaMcp__Cluster__GatewayPort"] = $"{FreePort.Next()}",
            ["PandaMcp__Cluster__AdvertisedIP"] = "127.0.0.1",
        }, siloPort));
    }

    /// <summary>A gateway process of <paramref name="clusterId"/> that hosts no silo; stopped with the fixture.</summary>
    public ClusterProcess StartGateway(string name, string clusterId, RedisServer? redis = null, IReadOnlyDictionary<string, string>? settings = null) =>
        Track(ClusterProcess.Start(name, "PandaMcp.Gateway.dll", new Dictionary<string, string>(ClusterEnvironment(clusterId, redis, settings))
        {
            ["PandaMcp__Gateway__HostSilo"] = "false",
            // Legacy HTTP+SSE at /sse and /messages/ as well as Streamable HTTP at /mcp.
            ["PandaMcp__Gateway__Transport"] = "sse",
        }));

    /// <summary>A cluster of its own (a cluster id, silos, gateways) for a test that breaks it; stopped with the fixture.</summary>
    public async Task<(IReadOnlyList<ClusterProcess> Silos, IReadOnlyList<ClusterProcess> Gateways)> StartClusterAsync(
        string name, int silos, int gateways, RedisServer? redis = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var clusterId = $"{name}-{Guid.NewGuid():N}";
        var startedSilos = Enumerable.Range(1, silos).Select(i => StartSilo($"{name}-silo-{i}", clusterId, redis, settings)).ToArray();
        await Task.WhenAll(startedSilos.Select(p => p.WaitForAsync(HealthEndpoints.ReadyPath, Http, StartTimeout)));
        var startedGateways = Enumerable.Range(1, gateways).Select(i => StartGateway($"{name}-gateway-{i}", clusterId, redis, settings)).ToArray();
        await Task.WhenAll(startedGateways.Select(p => p.WaitForAsync(HealthEndpoints.ReadyPath, Http, StartTimeout)));
        return (startedSilos, startedGateways);
    }

    /// <summary>
    /// Settings every process of these tests shares: PanDA's timeout (the grain call timeout follows it),
    /// progress reports every half second, resumed streams read from the grain every second.
    /// </summary>
    private Dictionary<string, string> ClusterEnvironment(string clusterId, RedisServer? redis, IReadOnlyDictionary<string, string>? settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["PandaMcp__Cluster__Redis"] = (redis ?? Redis).ConnectionString,
            ["PandaMcp__Cluster__ClusterId"] = clusterId,
            // Grain state in Redis is the service's: clusters of these tests share one Redis, not their state.
            ["PandaMcp__Cluster__ServiceId"] = clusterId,
            // Silos call PanDA there; gateways read PanDA's auth configuration there, to verify tokens.
            ["PANDA_API_URL_SSL"] = Emulator.ApiBaseUrl.ToString(),
            ["PandaMcp__Panda__Timeout"] = "00:00:10",
            ["PandaMcp__Sessions__ProgressInterval"] = "00:00:00.500",
            // The loads here come from one identity, faster than a person's calls per second: that limit has tests of its own.
            ["PandaMcp__Security__CallsPerSecond"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        return environment;
    }

    /// <summary>Makes the emulator answer <paramref name="route"/> after <paramref name="delay"/>.</summary>
    public Task SlowDownAsync(string route, TimeSpan delay) => EmulatorFaults.SlowDownAsync(Http, Emulator.Address, route, delay);

    public Task ClearFaultsAsync() => EmulatorFaults.ClearAsync(Http, Emulator.Address);

    private ClusterProcess Track(ClusterProcess process)
    {
        lock (_processes)
        {
            _processes.Add(process);
        }
        return process;
    }

    /// <summary>An MCP client of <paramref name="gateway"/> that speaks <paramref name="protocolVersion"/>; with <paramref name="authorization"/>, it sends the token and the VO.</summary>
    public static Task<McpClient> ConnectAsync(ClusterProcess gateway, string protocolVersion, string? authorization = null) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(gateway.Address, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = authorization is null ? null : new Dictionary<string, string>
                {
                    ["Authorization"] = authorization,
                    ["Origin"] = RawMcpSession.Vo,
                },
            }),
            new McpClientOptions { ProtocolVersion = protocolVersion, DiscoverProbeTimeout = TimeSpan.FromSeconds(30) });

    /// <summary>An Orleans client of a cluster (the fixture's by default), joined through Redis as a gateway joins it.</summary>
    public async Task<IHost> JoinClusterAsync(string? clusterId = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{PandaClusterOptions.SectionName}:Redis"] = Redis.ConnectionString,
            [$"{PandaClusterOptions.SectionName}:ClusterId"] = clusterId ?? ClusterId,
            [$"{PandaClusterOptions.SectionName}:ServiceId"] = clusterId ?? ClusterId,
        });
        builder.AddPandaClusterClient();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The silo-to-silo port of the silo that holds grain <paramref name="key"/> of class <paramref name="grainClass"/>.</summary>
    public async Task<int> SiloOfAsync(string clusterId, string grainClass, string key)
    {
        using var observer = await JoinClusterAsync(clusterId);
        var management = observer.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        await observer.StopAsync();
        return statistics.Single(s => s.GrainType.Contains(grainClass, StringComparison.Ordinal) && s.GrainId.Key.ToString() == key)
            .SiloAddress.Endpoint.Port;
    }

    /// <summary>Activations of grain class <paramref name="grainClass"/> per silo (by silo-to-silo port).</summary>
    public async Task<IReadOnlyDictionary<int, int>> ActivationsPerSiloAsync(string clusterId, string grainClass)
    {
        using var observer = await JoinClusterAsync(clusterId);
        var management = observer.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        await observer.StopAsync();
        return statistics
            .Where(s => s.GrainType.Contains(grainClass, StringComparison.Ordinal))
            .GroupBy(s => s.SiloAddress.Endpoint.Port)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.ActivationCount));
    }

    /// <summary>How many REST calls of <paramref name="route"/> (<c>module/function</c>) the emulator received.</summary>
    public async Task<int> EmulatorCallsAsync(string route)
    {
        var requests = await Http.GetFromJsonAsync<JsonElement>(new Uri(Emulator.Address, "/_emulator/requests"));
        return requests.EnumerateArray().Count(r => r.GetProperty("route").GetString() == route);
    }

    public async Task DisposeAsync()
    {
        List<ClusterProcess> processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }
        // Gateways and silos first: a silo waits for Redis while it stops.
        await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask()));
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        Http.Dispose();
    }
}
