using System.Net;
using System.Text.Json;
using PandaEmulator;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Silo.Grains;
using PandaMcp.Testing;

namespace PandaMcp.Cluster.Tests;

/// <summary>Gateways, silos and Redis fail or leave while sessions work, with real processes and a real Redis.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FailoverTests(SplitClusterFixture cluster) : IAsyncLifetime
{
    private const string SlowRoute = "metaconfig/get_resource_types";
    private const string SlowTool = "metaconfig_get_resource_types";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string Alice = "Bearer " + TokenIssuer.Mint("alice", ttl: TimeSpan.FromHours(4));

    private static Uri Mcp(ClusterProcess gateway) => new(gateway.Address, "/mcp");

    private static object SlowCall => new { name = SlowTool, arguments = new { } };

    [Fact]
    public async Task AGatewayKilledDuringACall_TheCallCompletes_AndAnotherGatewayDeliversItsResult()
    {
        var doomed = cluster.StartGateway("doomed-gateway", cluster.ClusterId);
        await doomed.WaitForAsync("/health/ready", cluster.Http, SplitClusterFixture.StartTimeout);
        using var http = new HttpClient();
        var session = await RawMcpSession.StartAsync(http, Mcp(cluster.Gateways[0]), Alice);
        await cluster.SlowDownAsync(SlowRoute, TimeSpan.FromSeconds(3));
        var before = await cluster.EmulatorCallsAsync(SlowRoute);

        string lastEventId;
        await using (var stream = await session.RequestAsync(Mcp(doomed), 9, "tools/call", SlowCall))
        {
            Assert.NotNull(await stream.NextAsync(Patience));
            lastEventId = stream.LastEventId!;
            // In flight: PanDA has the request (and answers it in 3 s).
            await Wait.UntilAsync(async _ => await cluster.EmulatorCallsAsync(SlowRoute) == before + 1, Patience, "PanDA receives the call");
            await doomed.KillAsync();
        }
        await using var resumed = await session.ResumeAsync(Mcp(cluster.Gateways[1]), lastEventId);
        var (response, _) = await resumed.ResponseToAsync(9, Patience);

        Assert.Equal(HttpStatusCode.OK, resumed.Response.StatusCode);
        Assert.False(IsError(response), response.ToString());
        Assert.Contains("structuredContent", response.ToString());
        Assert.Equal(before + 1, await cluster.EmulatorCallsAsync(SlowRoute));
    }

    [Fact]
    public async Task ASiloKilled_AReadInFlightIsAskedAgain_AndAnsweredOnAnotherSilo()
    {
        var (silos, gateways) = await cluster.StartClusterAsync("silo-kill-read", silos: 2, gateways: 1);
        using var http = new HttpClient();
        var session = await RawMcpSession.StartAsync(http, Mcp(gateways[0]), Alice);
        var doomed = await SiloOfSessionAsync(silos, gateways[0], session);
        await cluster.SlowDownAsync(SlowRoute, TimeSpan.FromSeconds(4));
        var before = await cluster.EmulatorCallsAsync(SlowRoute);

        await using var stream = await session.RequestAsync(Mcp(gateways[0]), 3, "tools/call", SlowCall);
        Assert.NotNull(await stream.NextAsync(Patience));
        await Wait.UntilAsync(async _ => await cluster.EmulatorCallsAsync(SlowRoute) == before + 1, Patience, "PanDA receives the call");
        await doomed.KillAsync();
        var (response, _) = await stream.ResponseToAsync(3, Patience);

        Assert.False(IsError(response), response.ToString());
        Assert.Contains("structuredContent", response.ToString());
        // Once from the silo that was killed, once again from the other.
        Assert.Equal(before + 2, await cluster.EmulatorCallsAsync(SlowRoute));
    }

    [Fact]
    public async Task ASiloKilled_AChangeInFlightEndsWithAnError_AndTheSessionGoesOnOnAnotherSilo()
    {
        const string changeRoute = "task/change_priority";
        var (silos, gateways) = await cluster.StartClusterAsync("silo-kill-change", silos: 2, gateways: 1);
        using var http = new HttpClient();
        var session = await RawMcpSession.StartAsync(http, Mcp(gateways[0]), Alice);
        var doomed = await SiloOfSessionAsync(silos, gateways[0], session);
        await cluster.SlowDownAsync(changeRoute, TimeSpan.FromSeconds(8));
        var before = await cluster.EmulatorCallsAsync(changeRoute);

        await using var stream = await session.RequestAsync(Mcp(gateways[0]), 3, "tools/call",
            new { name = "task_change_priority", arguments = new { task_id = Seed.RunningTaskOfAlice, priority = 900 } });
        Assert.NotNull(await stream.NextAsync(Patience));
        await Wait.UntilAsync(async _ => await cluster.EmulatorCallsAsync(changeRoute) == before + 1, Patience, "PanDA receives the call");
        await doomed.KillAsync();
        var (response, _) = await stream.ResponseToAsync(3, Patience);
        await cluster.ClearFaultsAsync();
        var next = await session.CallAsync(Mcp(gateways[0]), 4, "tools/call", new { name = "system_is_alive", arguments = new { } });

        var error = response.GetProperty("error");
        Assert.Contains("may or may not have reached PanDA", error.GetProperty("message").GetString());
        Assert.Equal(before + 1, await cluster.EmulatorCallsAsync(changeRoute));
        Assert.False(IsError(next), next.ToString());
    }

    [Fact]
    public async Task ASiloStoppedGracefully_UnderLoad_FailsNoCall()
    {
        var (silos, gateways) = await cluster.StartClusterAsync("silo-stop", silos: 2, gateways: 1);
        await using var load = await SessionLoad.StartAsync(Mcp(gateways[0]), sessions: 4, Alice);
        await load.WaitForCallsAsync(40, Patience);

        await silos[0].TerminateAsync(Patience);
        var afterStop = load.Succeeded;
        await load.WaitForCallsAsync(afterStop + 40, Patience);
        await load.StopAsync();

        Assert.Equal(0, silos[0].ExitCode);
        Assert.Empty(load.Failures);
    }

    [Fact]
    public async Task AddingASilo_UnderLoad_NewSessionsAndCallsReachIt()
    {
        var (silos, gateways) = await cluster.StartClusterAsync("silo-add", silos: 1, gateways: 1);
        var clusterId = ClusterIdOf(gateways[0]);
        await using var load = await SessionLoad.StartAsync(Mcp(gateways[0]), sessions: 2, Alice);
        await load.WaitForCallsAsync(20, Patience);

        var added = cluster.StartSilo("silo-add-late", clusterId);
        await added.WaitForAsync("/health/ready", cluster.Http, SplitClusterFixture.StartTimeout);
        await using var newcomers = await SessionLoad.StartAsync(Mcp(gateways[0]), sessions: 16, Alice);
        await newcomers.WaitForCallsAsync(32, Patience);
        var sessions = await cluster.ActivationsPerSiloAsync(clusterId, nameof(SessionGrain));
        var modules = await cluster.ActivationsPerSiloAsync(clusterId, nameof(PandaModuleGrain));
        await newcomers.StopAsync();
        await load.StopAsync();

        Assert.True(sessions.GetValueOrDefault(added.SiloPort!.Value) > 0, $"session grains per silo: {string.Join(", ", sessions)}");
        Assert.True(modules.GetValueOrDefault(added.SiloPort!.Value) > 0, $"module grains per silo: {string.Join(", ", modules)}");
        Assert.Empty(load.Failures);
        Assert.Empty(newcomers.Failures);
    }

    [Fact]
    public async Task RedisUnreachable_RequestsFailFastWith503_AndServiceComesBackByItself()
    {
        await using var redis = await RedisServer.StartAsync(SplitClusterFixture.StartTimeout);
        var (_, gateways) = await cluster.StartClusterAsync("redis-outage", silos: 1, gateways: 1, redis);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var session = await RawMcpSession.StartAsync(http, Mcp(gateways[0]), Alice);

        await redis.StopAsync();
        string? refusal = null;
        await Wait.UntilAsync(async _ =>
        {
            using var answer = await session.SendAsync(Mcp(gateways[0]), """{"jsonrpc":"2.0","id":1,"method":"tools/list"}""");
            refusal = answer.StatusCode == HttpStatusCode.ServiceUnavailable && answer.Headers.RetryAfter is not null
                ? await answer.Content.ReadAsStringAsync()
                : null;
            return refusal is not null;
        }, Patience, "the gateway answers 503 with Retry-After while Redis is down");
        using var readiness = await http.GetAsync(new Uri(gateways[0].Address, "/health/ready"));
        await redis.RestartAsync(SplitClusterFixture.StartTimeout);
        JsonElement? result = null;
        await Wait.UntilAsync(async _ =>
        {
            try
            {
                var answer = await session.CallAsync(Mcp(gateways[0]), 2, "tools/call", new { name = "system_is_alive", arguments = new { } });
                result = answer.TryGetProperty("result", out var r) ? r : null;
            }
            catch (TaskCanceledException)
            {
                result = null;
            }
            return result is not null;
        }, Patience, "the same session works again once Redis is back");

        Assert.Contains("Redis", refusal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        Assert.False(result!.Value.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.ToString());
    }

    private static bool IsError(JsonElement response) =>
        !response.TryGetProperty("result", out var result) || result.TryGetProperty("isError", out var isError) && isError.GetBoolean();

    private async Task<ClusterProcess> SiloOfSessionAsync(IReadOnlyList<ClusterProcess> silos, ClusterProcess gateway, RawMcpSession session)
    {
        var host = await cluster.SiloOfAsync(ClusterIdOf(gateway), nameof(SessionGrain), SessionGrains.KeyOf(session.SessionId));
        return silos.Single(s => s.SiloPort == host);
    }

    private static string ClusterIdOf(ClusterProcess process) => process.Environment["PandaMcp__Cluster__ClusterId"];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => cluster.ClearFaultsAsync();
}
