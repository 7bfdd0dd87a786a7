using System.Net;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PandaEmulator;
using PandaMcp.Testing;

namespace PandaMcp.Cluster.Tests;

/// <summary>One session served by every gateway in turn: its state lives in the cluster, not in a gateway.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SessionTests(SplitClusterFixture cluster) : IAsyncLifetime
{
    private const string SlowRoute = "metaconfig/get_resource_types";
    private const string SlowTool = "metaconfig_get_resource_types";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private Uri McpUrl(int gateway) => new(cluster.Gateways[gateway].Address, "/mcp");

    [Fact]
    public async Task OneSession_AlternatingBetweenGateways_ListsCallsAndHearsProgress()
    {
        var gateways = new AlternatingGateways([.. cluster.Gateways.Select(g => g.Address)]);
        using var http = new HttpClient(gateways);
        http.DefaultRequestHeaders.Authorization = new("Bearer", TokenIssuer.Mint("alice"));
        http.DefaultRequestHeaders.Add("Origin", RawMcpSession.Vo);
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = McpUrl(0), TransportMode = HttpTransportMode.StreamableHttp }, http),
            new McpClientOptions { ProtocolVersion = RawMcpSession.ProtocolVersion });
        await cluster.SlowDownAsync(SlowRoute, TimeSpan.FromSeconds(2));
        var before = await cluster.EmulatorCallsAsync(SlowRoute);

        var tools = await client.ListToolsAsync();
        var alive = await client.CallToolAsync("system_is_alive");
        var progress = new List<ProgressNotificationValue>();
        var slow = await client.CallToolAsync(SlowTool, progress: new Progress(progress));
        var again = await client.ListToolsAsync();

        Assert.Equal(RawMcpSession.ProtocolVersion, client.NegotiatedProtocolVersion);
        Assert.Equal(tools.Count, again.Count);
        Assert.True(alive.IsError is not true, Text(alive));
        Assert.True(slow.IsError is not true, Text(slow));
        Assert.NotEmpty(progress);
        Assert.Contains("Waiting for PanDA", progress[0].Message);
        Assert.Equal(before + 1, await cluster.EmulatorCallsAsync(SlowRoute));
        Assert.All(gateways.RequestsPerGateway, count => Assert.True(count >= 2, $"requests per gateway: {string.Join(", ", gateways.RequestsPerGateway)}"));
    }

    [Fact]
    public async Task ADroppedStream_ResumesOnTheOtherGateway_WithWhatItMissed()
    {
        using var http = new HttpClient();
        var session = await RawMcpSession.StartAsync(http, McpUrl(0), "Bearer " + TokenIssuer.Mint("alice"));
        await cluster.SlowDownAsync(SlowRoute, TimeSpan.FromSeconds(3));
        var before = await cluster.EmulatorCallsAsync(SlowRoute);

        string lastEventId;
        await using (var stream = await session.RequestAsync(McpUrl(1), 7, "tools/call", new { name = SlowTool, arguments = new { }, _meta = new { progressToken = "p7" } }))
        {
            Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
            var priming = await stream.NextAsync(Patience);
            Assert.NotNull(priming);
            Assert.True(string.IsNullOrEmpty(priming.Value.Data));
            Assert.NotNull(priming.Value.ReconnectionInterval);
            lastEventId = stream.LastEventId!;
        }
        await using var resumed = await session.ResumeAsync(McpUrl(0), lastEventId);
        var (response, earlier) = await resumed.ResponseToAsync(7, Patience);

        Assert.Equal(HttpStatusCode.OK, resumed.Response.StatusCode);
        Assert.False(response.GetProperty("result").TryGetProperty("isError", out var isError) && isError.GetBoolean(), response.ToString());
        Assert.Contains(earlier, m => m.GetProperty("method").GetString() == "notifications/progress");
        Assert.Null(await resumed.NextAsync(Patience));
        Assert.Equal(before + 1, await cluster.EmulatorCallsAsync(SlowRoute));
    }

    [Fact]
    public async Task ASessionDeletedOnOneGateway_IsGoneOnTheOther()
    {
        using var http = new HttpClient();
        var session = await RawMcpSession.StartAsync(http, McpUrl(0));
        Assert.Equal(JsonValueKind.Object, (await session.CallAsync(McpUrl(1), 1, "tools/list")).GetProperty("result").ValueKind);

        using var deleted = await session.DeleteAsync(McpUrl(1));
        await using var after = await session.RequestAsync(McpUrl(0), 2, "tools/list");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.Response.StatusCode);
        Assert.Contains("Start a new session", after.Body);
    }

    [Fact]
    public async Task ASession_IsNotFound_ForAnotherIdentity_AndWorksForItsOwnWithARefreshedToken()
    {
        using var http = new HttpClient();
        var alice = await RawMcpSession.StartAsync(http, McpUrl(0), "Bearer " + TokenIssuer.Mint("alice"));
        var mallory = new RawMcpSession(http, alice.SessionId, "Bearer " + TokenIssuer.Mint("mallory"));
        var refreshed = new RawMcpSession(http, alice.SessionId, "Bearer " + TokenIssuer.Mint("alice", ttl: TimeSpan.FromHours(2)));

        await using var stolen = await mallory.RequestAsync(McpUrl(1), 1, "tools/list");
        var own = await refreshed.CallAsync(McpUrl(1), 2, "tools/list");

        Assert.Equal(HttpStatusCode.NotFound, stolen.Response.StatusCode);
        Assert.Equal(JsonValueKind.Object, own.GetProperty("result").ValueKind);
    }

    private static string Text(CallToolResult result) => string.Join(' ', result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private sealed class Progress(List<ProgressNotificationValue> values) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value)
        {
            lock (values)
            {
                values.Add(value);
            }
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => cluster.ClearFaultsAsync();
}
