using System.Net;
using System.Text;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace PandaMcp.Gateway.Tests;

/// <summary>What any MCP client sees of the gateway: both protocol generations, the tools, protocol errors.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ProtocolTests(GatewayFixture gateway)
{
    public const string Stateless = "2026-07-28";
    public const string Sessions = "2025-11-25";

    [Theory]
    [InlineData(null)]
    [InlineData(Sessions)]
    public async Task ToolsList_ShowsTheDefaultToolsWithSchemas(string? version)
    {
        await using var client = await gateway.ConnectAsync(version);
        var tools = await client.ListToolsAsync();

        Assert.Equal(59, tools.Count);
        Assert.Equal("PandaMcp", client.ServerInfo?.Name);
        var getStatus = tools.Single(t => t.Name == "task_get_status").ProtocolTool;
        Assert.Equal("object", getStatus.InputSchema.GetProperty("type").GetString());
        Assert.NotNull(getStatus.Annotations);
        Assert.Equal("task_id", getStatus.InputSchema.GetProperty("required")[0].GetString());
        Assert.True(getStatus.Annotations.ReadOnlyHint);
        Assert.False(string.IsNullOrWhiteSpace(getStatus.Description));
        var kill = tools.Single(t => t.Name == "task_kill").ProtocolTool;
        Assert.True(kill.Annotations!.DestructiveHint);
        Assert.False(kill.Annotations.ReadOnlyHint);
        Assert.Equal("Kill a task", kill.Title);
    }

    [Fact]
    public async Task NewestClients_AreServedWithoutSessions()
    {
        await using var client = await gateway.ConnectAsync();
        Assert.Equal(Stateless, client.NegotiatedProtocolVersion);
        Assert.Null(client.SessionId);
        Assert.Contains("system_is_alive", (await client.ListToolsAsync()).Select(t => t.Name));
    }

    [Fact]
    public async Task InitializeClients_GetASession()
    {
        await using var client = await gateway.ConnectAsync(Sessions);
        Assert.Equal(Sessions, client.NegotiatedProtocolVersion);
        Assert.False(string.IsNullOrEmpty(client.SessionId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Sessions)]
    public async Task UnknownTool_IsAProtocolErrorThatNamesIt(string? version)
    {
        await using var client = await gateway.ConnectAsync(version);
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallToolAsync("task_explode").AsTask());
        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("task_explode", error.Message);
    }

    [Fact]
    public async Task OversizeBody_Gets413()
    {
        var padding = new string('x', 70_000);
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"system_is_alive","arguments":{},"_meta":{"pad":"PAD"}}}"""
            .Replace("PAD", padding);
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.McpUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var response = await gateway.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than this server accepts", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TrailingSlashPath_IsServedToo()
    {
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(gateway.McpUrl + "/") }),
            new McpClientOptions { ProtocolVersion = Sessions });
        Assert.Equal(59, (await client.ListToolsAsync()).Count);
    }
}
