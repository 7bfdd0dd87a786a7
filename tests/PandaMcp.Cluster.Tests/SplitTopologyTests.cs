using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Protocol;
using Orleans.Runtime;
using PandaMcp.Silo.Grains;
using PandaMcp.Silo.Hosting;

namespace PandaMcp.Cluster.Tests;

/// <summary>Silo processes and gateway processes, joined through Redis, serve MCP as one cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SplitTopologyTests(SplitClusterFixture cluster)
{
    private const string AliveRoute = "system/is_alive";

    [Theory]
    [InlineData("2026-07-28")]
    [InlineData("2025-11-25")]
    public async Task EveryGateway_ListsAndCallsTools_ThroughTheSilos(string protocolVersion)
    {
        foreach (var gateway in cluster.Gateways)
        {
            await using var client = await SplitClusterFixture.ConnectAsync(gateway, protocolVersion);
            var before = await cluster.EmulatorCallsAsync(AliveRoute);

            var tools = await client.ListToolsAsync();
            var result = await client.CallToolAsync("system_is_alive");

            Assert.Equal(protocolVersion, client.NegotiatedProtocolVersion);
            Assert.Contains(tools, t => t.Name == "system_is_alive");
            Assert.True(result.IsError is not true, $"{gateway.Name}: {string.Join(' ', result.Content.OfType<TextContentBlock>().Select(t => t.Text))}");
            Assert.Equal(before + 1, await cluster.EmulatorCallsAsync(AliveRoute));
        }
    }

    [Fact]
    public async Task ModuleCalls_LandOnBothSilos()
    {
        const int callsPerGateway = 24;
        var calls = cluster.Gateways.Select(async gateway =>
        {
            await using var client = await SplitClusterFixture.ConnectAsync(gateway, "2026-07-28");
            var results = await Task.WhenAll(Enumerable.Range(0, callsPerGateway).Select(_ => client.CallToolAsync("system_is_alive").AsTask()));
            Assert.All(results, r => Assert.True(r.IsError is not true));
        });
        await Task.WhenAll(calls);

        using var observer = await cluster.JoinClusterAsync();
        var management = observer.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        var silos = await management.GetHosts(onlyActive: true);
        var statistics = await management.GetSimpleGrainStatistics();
        var silosUsed = statistics
            .Where(s => s.GrainType.Contains(nameof(PandaModuleGrain), StringComparison.Ordinal) && s.ActivationCount > 0)
            .Select(s => s.SiloAddress)
            .Distinct()
            .Count();
        await observer.StopAsync();

        Assert.Equal(2, silos.Count);
        Assert.Equal(2, silosUsed);
    }

    [Fact]
    public async Task Gateway_StartedBeforeAnySilo_BecomesReadyWhenASiloJoins()
    {
        var clusterId = $"late-{Guid.NewGuid():N}";
        var gateway = cluster.StartGateway("late-gateway", clusterId);
        // It keeps trying: two failed attempts to find a silo, and it is still running.
        await Wait.UntilAsync(
            _ => Task.FromResult(gateway.HasExited || gateway.Output.Contains("(attempt 2)", StringComparison.Ordinal)),
            SplitClusterFixture.StartTimeout,
            "the gateway retries its connection twice");
        Assert.False(gateway.HasExited, gateway.Output);

        var silo = cluster.StartSilo("late-silo", clusterId);
        await Task.WhenAll(
            silo.WaitForAsync(HealthEndpoints.ReadyPath, cluster.Http, SplitClusterFixture.StartTimeout),
            gateway.WaitForAsync(HealthEndpoints.ReadyPath, cluster.Http, SplitClusterFixture.StartTimeout));
        await using var client = await SplitClusterFixture.ConnectAsync(gateway, "2026-07-28");
        var result = await client.CallToolAsync("system_is_alive");

        Assert.True(result.IsError is not true, gateway.Output);
    }
}
