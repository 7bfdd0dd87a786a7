using System.Net;
using System.Net.Http.Json;
using System.Text;
using PandaEmulator;
using PandaMcp.Testing;

namespace PandaMcp.Interop.Tests;

/// <summary>The official TypeScript SDK client (@modelcontextprotocol/sdk), run by tests/interop/sdk-*.mjs.</summary>
[Collection(InteropCollection.Name)]
public sealed class TypeScriptSdkTests(DefaultsGatewayFixture gateway)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SdkClient_ListsToolsAndCallsOneWithTheCallersHeaders()
    {
        var token = TokenIssuer.Mint(Seed.Alice);
        await gateway.ClearEmulatorRequestsAsync();

        var run = await NodeTools.RunAsync(
            [NodeTools.Script("sdk-client.mjs"), "--url", gateway.McpUrl.ToString(), "--token", token, "--origin", Seed.Vo,
                "--tool", "system_get_user_attributes"],
            Timeout);

        var output = run.Json();
        Assert.Equal("2025-11-25", output.GetProperty("protocolVersion").GetString());
        Assert.Equal("PandaMcp", output.GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal(59, output.GetProperty("toolCount").GetInt32());
        Assert.Contains("task_get_status", output.GetProperty("toolNames").EnumerateArray().Select(n => n.GetString()));
        var result = output.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), run.ToString());
        Assert.True(result.GetProperty("structuredContent").GetProperty("success").GetBoolean());
        var seen = Assert.Single(await gateway.EmulatorRequestsAsync(), r => r.Route == "system/get_user_attributes");
        Assert.Equal($"Bearer {token}", seen.Header("Authorization"));
        Assert.Equal(Seed.Vo, seen.Header("Origin"));

        // The client ended its session with DELETE: the server no longer knows it.
        Assert.True(output.GetProperty("sessionEnded").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, await PingStatusAsync(output.GetProperty("sessionId").GetString()!));
    }

    [Fact]
    public async Task SdkClient_ResumesALostStreamAndGetsTheResult()
    {
        var token = TokenIssuer.Mint(Seed.Alice);
        await gateway.ClearEmulatorRequestsAsync();
        // PanDA answers after 1.4 s (the fixture's PanDA timeout is 2 s): longer than a session call's answer time
        // (1 s), so the answer comes on a stream, which the client drops after its first event.
        await SetFaultsAsync("""{"delayMs":1400,"routes":["system/get_user_attributes"]}""");
        NodeRun run;
        try
        {
            run = await NodeTools.RunAsync(
                [NodeTools.Script("sdk-resume.mjs"), "--url", gateway.McpUrl.ToString(), "--token", token, "--origin", Seed.Vo,
                    "--tool", "system_get_user_attributes", "--wait-ms", "1500"],
                Timeout);
        }
        finally
        {
            await SetFaultsAsync("{}");
        }

        var output = run.Json();
        Assert.Equal("2025-11-25", output.GetProperty("protocolVersion").GetString());
        // The first attempt lost its stream after the priming event (an id, no data), before the result.
        Assert.Equal("error", output.GetProperty("firstAttempt").GetProperty("outcome").GetString());
        var tokens = output.GetProperty("tokensBeforeDrop").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Single(tokens);
        Assert.Equal(tokens[0], output.GetProperty("resumedFrom").GetString());
        // The resumed stream (GET with Last-Event-ID) delivered the call's result.
        var result = output.GetProperty("result");
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), run.ToString());
        Assert.True(result.GetProperty("structuredContent").GetProperty("success").GetBoolean(), run.ToString());
        // Replayed, not run again: PanDA saw the call once, with the caller's token.
        var seen = Assert.Single(await gateway.EmulatorRequestsAsync(), r => r.Route == "system/get_user_attributes");
        Assert.Equal($"Bearer {token}", seen.Header("Authorization"));
    }

    private async Task SetFaultsAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await gateway.Http.PostAsync(new Uri(gateway.Emulator.Address, "/_emulator/faults"), content);
        response.EnsureSuccessStatusCode();
    }

    private async Task<HttpStatusCode> PingStatusAsync(string sessionId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.McpUrl)
        {
            Content = JsonContent.Create(new { jsonrpc = "2.0", id = 1, method = "ping" }),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("Mcp-Session-Id", sessionId);
        request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        using var response = await gateway.Http.SendAsync(request);
        return response.StatusCode;
    }
}
