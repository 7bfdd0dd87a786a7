using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PandaEmulator;

namespace PandaMcp.Gateway.Tests;

/// <summary>The caller's credentials reach PanDA on that call, and nowhere else.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CredentialTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData(null)]
    [InlineData(ProtocolTests.Sessions)]
    public async Task BearerToken_ReachesPandaOnThatCall(string? version)
    {
        var token = TokenIssuer.Mint("alice");
        await using var client = await gateway.ConnectAsync(version, new Dictionary<string, string>
        {
            ["Authorization"] = $"Bearer {token}",
            ["Origin"] = "atlas",
        });
        await gateway.ClearEmulatorRequestsAsync();

        var result = await client.CallToolAsync("system_get_user_attributes");

        Assert.NotEqual(true, result.IsError);
        Assert.True(result.StructuredContent!.Value.GetProperty("success").GetBoolean());
        var seen = Assert.Single(await gateway.EmulatorRequestsAsync(), r => r.Route == "system/get_user_attributes");
        Assert.Equal($"Bearer {token}", seen.Header("Authorization"));
        Assert.Equal("atlas", seen.Header("Origin"));
    }

    [Fact]
    public async Task XAuthToken_IsSentAsABearerToken()
    {
        var token = TokenIssuer.Mint("bob");
        await using var client = await gateway.ConnectAsync(ProtocolTests.Sessions, new Dictionary<string, string>
        {
            ["X-Auth-Token"] = token,
            ["Origin"] = "atlas",
        });
        await gateway.ClearEmulatorRequestsAsync();

        var result = await client.CallToolAsync("system_get_user_attributes");

        Assert.NotEqual(true, result.IsError);
        var seen = Assert.Single(await gateway.EmulatorRequestsAsync(), r => r.Route == "system/get_user_attributes");
        Assert.Equal($"Bearer {token}", seen.Header("Authorization"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(ProtocolTests.Sessions)]
    public async Task CallWithoutToken_GoesAnonymously(string? version)
    {
        await using var client = await gateway.ConnectAsync(version);
        await gateway.ClearEmulatorRequestsAsync();

        var secure = await client.CallToolAsync("system_get_user_attributes");
        var open = await client.CallToolAsync("system_is_alive");

        Assert.True(secure.IsError);
        Assert.Contains("SSL secure connection is required", Text(secure));
        Assert.NotEqual(true, open.IsError);
        var seen = await gateway.EmulatorRequestsAsync();
        Assert.Equal(2, seen.Count);
        Assert.All(seen, r =>
        {
            Assert.Null(r.Header("Authorization"));
            Assert.Null(r.Header("Origin"));
        });
    }

    [Fact]
    public async Task GatewaysOwnEnvironmentCredentials_AreNeverUsed()
    {
        // The fixture starts the gateway with PANDA_AUTH_ID_TOKEN, PANDA_AUTH_VO and X509_USER_PROXY set.
        await using var client = await gateway.ConnectAsync();
        await gateway.ClearEmulatorRequestsAsync();

        await client.CallToolAsync("system_is_alive");

        var seen = Assert.Single(await gateway.EmulatorRequestsAsync());
        Assert.DoesNotContain(seen.Headers, h => h.Value.Contains(GatewayFixture.EnvironmentToken, StringComparison.Ordinal));
        Assert.Null(seen.Header("Authorization"));
    }

    [Fact]
    public async Task Tokens_AppearInNoLogLine()
    {
        var token = TokenIssuer.Mint("carol", production: true);
        foreach (var version in new[] { null, ProtocolTests.Sessions })
        {
            await using var client = await gateway.ConnectAsync(version, new Dictionary<string, string>
            {
                ["Authorization"] = $"Bearer {token}",
                ["Origin"] = "atlas:production",
            });
            await client.CallToolAsync("task_get_status", new Dictionary<string, object?> { ["task_id"] = Seed.RunningTaskOfAlice });
            await client.CallToolAsync("task_kill", new Dictionary<string, object?> { ["task_id"] = "not a number" });
            await client.CallToolAsync("system_get_user_attributes");
        }

        Assert.NotEmpty(gateway.LogLines);
        var signature = token.Split('.')[2];
        Assert.DoesNotContain(gateway.LogLines, line => line.Contains(signature, StringComparison.Ordinal));
        Assert.DoesNotContain(gateway.LogLines, line => line.Contains(GatewayFixture.EnvironmentToken, StringComparison.Ordinal));
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(result.Content[0]).Text;
}
