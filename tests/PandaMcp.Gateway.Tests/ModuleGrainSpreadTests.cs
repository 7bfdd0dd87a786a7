using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.TestingHost;
using PandaEmulator;
using PandaMcp.Contracts;
using PandaMcp.Gateway.Cluster;
using PandaMcp.Gateway.Hosting;
using PandaMcp.Silo.Grains;
using PandaMcp.Silo.Hosting;

namespace PandaMcp.Gateway.Tests;

/// <summary>Module calls from one cluster client reach PanDA through more than one silo.</summary>
public sealed class ModuleGrainSpreadTests : IAsyncLifetime
{
    private const int Silos = 3;
    private const int Calls = 240;
    private RunningEmulator _emulator = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorApp.StartAsync("--record-limit", "100000");
        var builder = new InProcessTestClusterBuilder(Silos);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration["PANDA_API_URL_SSL"] = _emulator.ApiBaseUrl.ToString();
            host.Services.AddPandaClient();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [Fact]
    public async Task ShardedKeys_SpreadModuleCallsOverSilos()
    {
        var router = new ModuleGrainRouter(_cluster.Client, Options.Create(new GatewayOptions()));
        var call = new PandaCall("system", "is_alive", "GET", PandaEncoding.Query, "{}", PandaCredentials.Anonymous);

        var replies = await Task.WhenAll(Enumerable.Range(0, Calls).Select(_ => router.SendAsync(call, CancellationToken.None)));

        Assert.All(replies, r => Assert.Equal(200, r.Status));
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        var silosUsed = statistics
            .Where(s => s.GrainType.Contains(nameof(PandaModuleGrain), StringComparison.Ordinal) && s.ActivationCount > 0)
            .Select(s => s.SiloAddress)
            .Distinct()
            .Count();
        Assert.True(silosUsed >= 2, $"module grains ran on {silosUsed} of {Silos} silos");
        using var http = new HttpClient();
        var received = await http.GetStringAsync(new Uri(_emulator.Address, "/_emulator/requests"));
        Assert.Equal(Calls, System.Text.Json.JsonDocument.Parse(received).RootElement.GetArrayLength());
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _emulator.DisposeAsync();
    }
}
