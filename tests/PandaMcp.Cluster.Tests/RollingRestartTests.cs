using PandaEmulator;

namespace PandaMcp.Cluster.Tests;

/// <summary>An upgrade as Kubernetes rolls it out: every gateway and every silo replaced, one at a time, under load.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(SplitClusterFixture cluster)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly string Alice = "Bearer " + TokenIssuer.Mint("alice", ttl: TimeSpan.FromHours(4));

    /// <summary>
    /// Gateways as the manifests deploy them (k8s/base: 5 s): a stopping gateway keeps serving a moment with
    /// /health/ready at 503, so that a request a client sent just before the gateway left the pool still finds it.
    /// </summary>
    private static readonly Dictionary<string, string> DeployedGateway = new() { ["PandaMcp__Shutdown__DrainDelay"] = "00:00:01" };

    [Fact]
    public async Task ARollingRestartOfEveryGatewayAndSilo_UnderSteadyLoad_FailsNoCall()
    {
        var (silos, _) = await cluster.StartClusterAsync("rolling", silos: 2, gateways: 0);
        var clusterId = silos[0].Environment["PandaMcp__Cluster__ClusterId"];
        var gateways = new[] { 1, 2 }.Select(i => cluster.StartGateway($"rolling-gateway-{i}", clusterId, settings: DeployedGateway)).ToArray();
        await Task.WhenAll(gateways.Select(g => g.WaitForAsync("/health/ready", cluster.Http, SplitClusterFixture.StartTimeout)));
        var pool = new GatewayPool(gateways.Select(Mcp));
        await using var load = await SessionLoad.StartAsync(pool, sessions: 4, Alice);
        await load.WaitForCallsAsync(40, Patience);

        foreach (var (silo, i) in silos.Select((s, i) => (s, i)))
        {
            // maxSurge 1, maxUnavailable 0: the new pod is ready before the old one stops.
            var replacement = cluster.StartSilo($"rolling-silo-new-{i}", clusterId);
            await replacement.WaitForAsync("/health/ready", cluster.Http, SplitClusterFixture.StartTimeout);
            await silo.TerminateAsync(Patience);
            await load.WaitForCallsAsync(load.Succeeded + 20, Patience);
        }
        foreach (var (gateway, i) in gateways.Select((g, i) => (g, i)))
        {
            var replacement = cluster.StartGateway($"rolling-gateway-new-{i}", clusterId, settings: DeployedGateway);
            await replacement.WaitForAsync("/health/ready", cluster.Http, SplitClusterFixture.StartTimeout);
            pool.Add(Mcp(replacement));
            // Unready first, so the load balancer stops sending it requests; then stopped, finishing what it has.
            pool.Remove(Mcp(gateway));
            await gateway.TerminateAsync(Patience);
            await load.WaitForCallsAsync(load.Succeeded + 20, Patience);
        }
        await load.StopAsync();

        Assert.All(silos.Concat(gateways), process => Assert.Equal(0, process.ExitCode));
        Assert.True(load.Failures.Count == 0, string.Join("\n", load.Failures.Take(5)) + "\n" + string.Join("\n",
            gateways.SelectMany(g => g.Output.Split('\n')).Where(l => l.Contains("cluster", StringComparison.OrdinalIgnoreCase)).Take(10)));
        Assert.True(load.Succeeded >= 160, $"{load.Succeeded} calls");
    }

    private static Uri Mcp(ClusterProcess gateway) => new(gateway.Address, "/mcp");
}
