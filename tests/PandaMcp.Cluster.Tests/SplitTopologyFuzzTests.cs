using PandaEmulator;
using Xunit.Abstractions;

namespace PandaMcp.Cluster.Tests;

/// <summary>
/// The fuzzer's requests (tests/PandaMcp.Security.Tests has the full run against the all-in-one gateway) sent to a
/// gateway of the split topology, whose every session request crosses the network to a silo: no 5xx but 503.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SplitTopologyFuzzTests(SplitClusterFixture cluster, ITestOutputHelper output)
{
    private const int Seed = 20261207;
    private const int Requests = 4_000;
    private const int Workers = 8;

    [Fact]
    public async Task MutatedRequests_ToASplitGateway_GetNoServerError()
    {
        var (_, gateways) = await cluster.StartClusterAsync("fuzz", silos: 1, gateways: 1,
            settings: new Dictionary<string, string> { ["PandaMcp__Gateway__Transport"] = "sse" });
        using var http = FuzzRun.NewClient(Workers);

        var run = await FuzzRun.SendAsync(http, new Uri(gateways[0].Address, "/mcp"), Seed, TokenIssuer.Mint("fuzz"), Requests, Workers, TimeSpan.FromSeconds(90));

        foreach (var line in run.Lines(Seed, Workers))
        {
            output.WriteLine(line);
        }
        Assert.Equal(Requests, run.Sent);
        Assert.Empty(run.Failures);
        Assert.False(gateways[0].HasExited, gateways[0].Output);
    }
}
