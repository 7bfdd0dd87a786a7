using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PandaEmulator;
using PandaMcp.Catalog;
using PandaMcp.Gateway.Tools;
using PandaMcp.Silo.Telemetry;
using PandaMcp.Testing;

namespace PandaMcp.Gateway.Tests;

/// <summary>
/// Public reads at the defaults, as agents see them: calls asking the same question at once cost PanDA one call,
/// later ones reuse its answer and say how old it is, and no call of a secure tool is ever shared or sent without
/// its caller's credentials.
/// </summary>
[Collection(PublicReadsCollection.Name)]
public sealed class PublicReadTests(DefaultsGatewayFixture gateway)
{
    private const string ByResourceType = "statistics_job_stats_by_site_and_resource_type";
    private const string ByCloud = "statistics_job_stats_by_cloud";
    private static readonly PandaCatalog Catalog = PandaCatalog.LoadEmbedded();

    [Fact]
    public async Task ConcurrentCalls_OfOneQuestion_ShareOnePandaCall_WithoutCredentials()
    {
        // A time window (PanDA takes 1 to 10079 minutes) no other test of the fixture asks about: a new question.
        var window = Random.Shared.Next(100, 10_080);
        await using var stateless = await gateway.ConnectAsync(null, Caller("alice"));
        await using var session = await gateway.ConnectAsync(ProtocolTests.Sessions, Caller("bob"));
        using var answers = new MetricCollector<long>(gateway.Services.GetRequiredService<IMeterFactory>(), SiloMetrics.MeterName, "pandamcp.public_reads");
        await EmulatorFaults.SlowDownAsync(gateway.Http, gateway.Emulator.Address, Route(ByResourceType), TimeSpan.FromSeconds(1));
        try
        {
            await gateway.ClearEmulatorRequestsAsync();

            var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                (i % 2 == 0 ? stateless : session).CallToolAsync(ByResourceType, new Dictionary<string, object?> { ["time_window"] = window }).AsTask()));

            var sent = Assert.Single(await gateway.EmulatorRequestsAsync(), r => r.Route == Route(ByResourceType));
            Assert.Null(sent.Header("Authorization"));
            Assert.Null(sent.Header("Origin"));
            Assert.All(results, r => Assert.NotEqual(true, r.IsError));
            Assert.All(results, r => Assert.Equal(Body(results[0]), Body(r)));
            var counted = answers.GetMeasurementSnapshot()
                .Where(m => (string?)m.Tags["mcp.tool.name"] == ByResourceType)
                .GroupBy(m => (string)m.Tags["panda.answer"]!)
                .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
            Assert.Equal(1, counted["panda"]);
            // The others waited for that call or reused its answer; a grain call the cluster sent again counts once more.
            Assert.True(counted.GetValueOrDefault("shared") + counted.GetValueOrDefault("reused") >= 19, string.Join(", ", counted));
            Assert.True(counted.GetValueOrDefault("shared") > 0, "no call waited for the one PanDA was answering");
        }
        finally
        {
            await EmulatorFaults.ClearAsync(gateway.Http, gateway.Emulator.Address);
        }
    }

    [Fact]
    public async Task ALaterCall_OfTheSameQuestion_ReusesTheAnswer_AndSaysHowOld()
    {
        await using var stateless = await gateway.ConnectAsync(null, Caller("carol"));
        await using var session = await gateway.ConnectAsync(ProtocolTests.Sessions, Caller("dave"));
        await gateway.ClearEmulatorRequestsAsync();

        // Spelled three ways: the default named, left out, and the same through a session.
        var first = await stateless.CallToolAsync(ByCloud, new Dictionary<string, object?> { ["type"] = "production" });
        var fromSession = await session.CallToolAsync(ByCloud);
        var again = await stateless.CallToolAsync(ByCloud);

        Assert.Single(await gateway.EmulatorRequestsAsync(), r => r.Route == Route(ByCloud));
        Assert.False(first.Meta?.ContainsKey(ToolResults.AnswerAgeMetaKey) ?? false);
        foreach (var reused in new[] { fromSession, again })
        {
            Assert.NotEqual(true, reused.IsError);
            Assert.Equal(Body(first), Body(reused));
            Assert.InRange(reused.Meta![ToolResults.AnswerAgeMetaKey]!.GetValue<double>(), 0, 15);
            Assert.Equal(2, reused.Content.Count);
            Assert.Contains("s ago to the same question", Assert.IsType<TextContentBlock>(reused.Content[1]).Text);
        }
    }

    [Fact]
    public async Task APandaRefusal_IsNotReused()
    {
        await using var client = await gateway.ConnectAsync(null, Caller("erin"));
        await gateway.ClearEmulatorRequestsAsync();

        var refused = await client.CallToolAsync(ByCloud, new Dictionary<string, object?> { ["type"] = "bogus" });
        var again = await client.CallToolAsync(ByCloud, new Dictionary<string, object?> { ["type"] = "bogus" });

        Assert.True(refused.IsError);
        Assert.True(again.IsError);
        Assert.False(again.Meta?.ContainsKey(ToolResults.AnswerAgeMetaKey) ?? false);
        Assert.Equal(2, (await gateway.EmulatorRequestsAsync()).Count(r => r.Route == Route(ByCloud)));
    }

    [Fact]
    public async Task EverySecureTool_IsCalledOncePerCall_WithItsCallersCredentials()
    {
        await using var lister = await gateway.ConnectAsync();
        var offered = (await lister.ListToolsAsync()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var secure = Catalog.Endpoints.Where(e => offered.Contains(e.ToolName) && e.Secure).ToList();
        Assert.NotEmpty(secure);

        foreach (var endpoint in secure)
        {
            // A caller of its own per tool: the per-caller call limit stays out of the way, and each request names its caller.
            var caller = Caller($"secure-{endpoint.ToolName}");
            await using var client = await gateway.ConnectAsync(null, caller);
            await gateway.ClearEmulatorRequestsAsync();

            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => client.CallToolAsync(endpoint.ToolName, SomeArguments(endpoint)).AsTask()));

            var sent = (await gateway.EmulatorRequestsAsync()).Where(r => r.Route == endpoint.Path).ToList();
            Assert.True(sent.Count == 2, $"{endpoint.ToolName}: {sent.Count} PanDA calls for 2 tool calls");
            Assert.All(sent, r => Assert.Equal((caller["Authorization"], caller["Origin"]), (r.Header("Authorization"), r.Header("Origin"))));
        }
    }

    /// <summary>Arguments that pass the tool's schema, so that the call reaches PanDA (which may refuse them).</summary>
    private static Dictionary<string, object?> SomeArguments(PandaEndpoint endpoint) =>
        endpoint.Parameters.Where(p => p.Required && !p.IsKeywords).ToDictionary(p => p.Name, p => (object?)(p.Type.Kinds switch
        {
            var k when k.HasFlag(JsonKinds.Integer) || k.HasFlag(JsonKinds.Number) => 1,
            var k when k.HasFlag(JsonKinds.String) => "1",
            var k when k.HasFlag(JsonKinds.Boolean) => true,
            var k when k.HasFlag(JsonKinds.Array) => Array.Empty<object>(),
            _ => new Dictionary<string, object>(),
        }));

    private static Dictionary<string, string> Caller(string user) => new()
    {
        ["Authorization"] = "Bearer " + TokenIssuer.Mint(user),
        ["Origin"] = Seed.Vo,
    };

    private static string Route(string tool) => Catalog.Endpoints.Single(e => e.ToolName == tool).Path;

    private static string Body(CallToolResult result) => Assert.IsType<TextContentBlock>(result.Content[0]).Text;
}
