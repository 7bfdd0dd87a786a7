using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelContextProtocol.Protocol;
using PandaEmulator;
using Orleans.Runtime;
using PandaMcp.Silo.Grains;
using PandaMcp.Silo.Hosting;
using PandaMcp.Testing;

namespace PandaMcp.Cluster.Tests;

/// <summary>Silo processes and gateway processes, joined through Redis, serve MCP as one cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SplitTopologyTests(SplitClusterFixture cluster)
{
    // A call that needs the caller's token: each is a REST call of its own (public reads share and reuse answers).
    private const string UserRoute = "system/get_user_attributes";
    private static readonly string Alice = "Bearer " + TokenIssuer.Mint("alice", ttl: TimeSpan.FromHours(4));

    [Theory]
    [InlineData("2026-07-28")]
    [InlineData("2025-11-25")]
    public async Task EveryGateway_ListsAndCallsTools_ThroughTheSilos(string protocolVersion)
    {
        foreach (var gateway in cluster.Gateways)
        {
            await using var client = await SplitClusterFixture.ConnectAsync(gateway, protocolVersion, Alice);
            var before = await cluster.EmulatorCallsAsync(UserRoute);

            var tools = await client.ListToolsAsync();
            var result = await client.CallToolAsync("system_get_user_attributes");

            Assert.Equal(protocolVersion, client.NegotiatedProtocolVersion);
            Assert.Contains(tools, t => t.Name == "system_get_user_attributes");
            Assert.True(result.IsError is not true, $"{gateway.Name}: {string.Join(' ', result.Content.OfType<TextContentBlock>().Select(t => t.Text))}");
            Assert.Equal(before + 1, await cluster.EmulatorCallsAsync(UserRoute));
        }
    }

    [Fact]
    public async Task ModuleCalls_LandOnBothSilos()
    {
        const int callsPerGateway = 24;
        var calls = cluster.Gateways.Select(async gateway =>
        {
            await using var client = await SplitClusterFixture.ConnectAsync(gateway, "2026-07-28", Alice);
            var results = await Task.WhenAll(Enumerable.Range(0, callsPerGateway).Select(_ => client.CallToolAsync("system_get_user_attributes").AsTask()));
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
    public async Task AForgedToken_IsRefusedWith401_ByEveryGateway_BeforePandaIsCalled()
    {
        // Alice's claims, signed with a key of the forger's.
        var forged = "Bearer " + TokenIssuer.WithNewKey(TokenIssuer.KeyId).Issue("alice");
        var before = await cluster.EmulatorCallsAsync(UserRoute);
        using var http = new HttpClient();

        foreach (var gateway in cluster.Gateways)
        {
            var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => RawMcpSession.StartAsync(http, new Uri(gateway.Address, "/mcp"), forged));
            Assert.Contains("initialize answered 401", refusal.Message);
            Assert.Contains("signature does not verify", refusal.Message);
        }
        Assert.Equal(before, await cluster.EmulatorCallsAsync(UserRoute));
    }

    [Fact]
    public async Task APublicQuestion_AskedThroughEveryGatewayAtOnce_CostsPandaOneCall()
    {
        const string tool = "statistics_job_stats_by_site_and_resource_type";
        const string route = "statistics/job_stats_by_site_and_resource_type";
        // A time window (PanDA takes 1 to 10079 minutes) no other test of the fixture asks about: a new question.
        var arguments = new Dictionary<string, object?> { ["time_window"] = Random.Shared.Next(100, 10_080) };
        var clients = await Task.WhenAll(cluster.Gateways.SelectMany(g => new[]
        {
            SplitClusterFixture.ConnectAsync(g, "2026-07-28", Alice),
            SplitClusterFixture.ConnectAsync(g, "2025-11-25", Alice),
        }));
        await cluster.SlowDownAsync(route, TimeSpan.FromSeconds(2));
        try
        {
            var before = await cluster.EmulatorCallsAsync(route);

            var results = await Task.WhenAll(clients.SelectMany(c => Enumerable.Range(0, 5).Select(_ => c.CallToolAsync(tool, arguments).AsTask())));

            Assert.All(results, r => Assert.True(r.IsError is not true, string.Join(' ', r.Content.OfType<TextContentBlock>().Select(t => t.Text))));
            Assert.Single(results.Select(r => r.Content.OfType<TextContentBlock>().First().Text).Distinct());
            Assert.Equal(before + 1, await cluster.EmulatorCallsAsync(route));
        }
        finally
        {
            await cluster.ClearFaultsAsync();
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
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
