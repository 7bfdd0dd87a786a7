using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PandaEmulator;

namespace PandaMcp.Clients.Tests;

/// <summary>The stdio bridge as a process between an MCP client on its stdio and the running gateway.</summary>
[Collection(ClientsCollection.Name)]
public sealed class BridgeTests(GatewayFixture gateway) : IDisposable
{
    private readonly string _tokenFile = Path.Combine(Path.GetTempPath(), $"panda-id-token-{Guid.NewGuid():N}");

    /// <summary>Desktop agents speak 2025-era revisions (with the initialize handshake); the C# client the newest.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("2025-06-18")]
    public async Task ForwardsToolsAndCalls_WithTheTokenTheFileHoldsAtEachCall(string? agentProtocol)
    {
        var alice = TokenIssuer.Mint(Seed.Alice);
        var bob = TokenIssuer.Mint(Seed.Bob);
        await File.WriteAllTextAsync(_tokenFile, alice + "\n");
        await using var bridge = await BridgeProcess.StartAsync(gateway.McpUrl, _tokenFile, agentProtocol);

        var tools = await bridge.Client.ListToolsAsync();
        await gateway.ClearEmulatorRequestsAsync();
        var first = await bridge.Client.CallToolAsync("system_get_user_attributes");
        // get_panda_token writes its whole token response as JSON; the bridge reads the new file without a restart.
        await File.WriteAllTextAsync(_tokenFile, JsonSerializer.Serialize(new { id_token = bob, refresh_token = "not-used", expires_in = 3600 }));
        var second = await bridge.Client.CallToolAsync("system_get_user_attributes");

        Assert.Equal(agentProtocol ?? "2026-07-28", bridge.Client.NegotiatedProtocolVersion);
        Assert.Equal(59, tools.Count);
        Assert.Contains(tools, t => t.Name == "task_get_status");
        Assert.NotEqual(true, first.IsError);
        Assert.NotEqual(true, second.IsError);
        Assert.Contains("nickname:alice", Text(first));
        Assert.Contains("nickname:bob", Text(second));
        var seen = (await gateway.EmulatorRequestsAsync()).Where(r => r.Route == "system/get_user_attributes").ToList();
        Assert.Equal(2, seen.Count);
        Assert.Equal($"Bearer {alice}", seen[0].Header("Authorization"));
        Assert.Equal($"Bearer {bob}", seen[1].Header("Authorization"));
        Assert.All(seen, r => Assert.Equal("atlas", r.Header("Origin")));
    }

    [Fact]
    public async Task ExpiredToken_IsNotSent_AndStderrAndTheResultSayWhy()
    {
        await File.WriteAllTextAsync(_tokenFile, TokenIssuer.Mint(Seed.Alice, ttl: TimeSpan.FromHours(-1)));
        await using var bridge = await BridgeProcess.StartAsync(gateway.McpUrl, _tokenFile);
        await gateway.ClearEmulatorRequestsAsync();

        var result = await bridge.Client.CallToolAsync("system_get_user_attributes");

        var line = await bridge.StderrLineAsync("No usable PanDA ID token");
        Assert.Contains($"the ID token in {_tokenFile} expired at ", line);
        Assert.True(result.IsError);
        Assert.Contains("SSL secure connection is required", Text(result));
        Assert.Contains("without an ID token because the ID token in", Text(result));
        var seen = Assert.Single(await gateway.EmulatorRequestsAsync());
        Assert.Null(seen.Header("Authorization"));
    }

    [Fact]
    public async Task MissingTokenFile_IsReportedOnStderr_AndOpenToolsStillWork()
    {
        await using var bridge = await BridgeProcess.StartAsync(gateway.McpUrl, _tokenFile);

        var result = await bridge.Client.CallToolAsync("system_is_alive");

        Assert.NotEqual(true, result.IsError);
        Assert.Contains($"{_tokenFile} does not exist", await bridge.StderrLineAsync("No usable PanDA ID token"));
    }

    [Fact]
    public async Task UnknownTool_ComesBackAsTheGatewaysOwnError()
    {
        await File.WriteAllTextAsync(_tokenFile, TokenIssuer.Mint(Seed.Alice));
        await using var bridge = await BridgeProcess.StartAsync(gateway.McpUrl, _tokenFile);

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => bridge.Client.CallToolAsync("no_such_tool").AsTask());

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Equal("Request failed (remote): Unknown tool 'no_such_tool'. Call tools/list for the tools this server offers.", error.Message);
    }

    [Fact]
    public async Task GatewayDown_TheCallSaysSo()
    {
        await File.WriteAllTextAsync(_tokenFile, TokenIssuer.Mint(Seed.Alice));
        var nowhere = new Uri($"http://127.0.0.1:{FreePort.Next()}/mcp/");
        await using var bridge = await BridgeProcess.StartAsync(nowhere, _tokenFile);

        var result = await bridge.Client.CallToolAsync("system_is_alive");

        Assert.True(result.IsError);
        Assert.Contains($"The PanDA MCP gateway at {nowhere} cannot be reached", Text(result));
    }

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(b => b.Text));

    public void Dispose() => File.Delete(_tokenFile);
}
