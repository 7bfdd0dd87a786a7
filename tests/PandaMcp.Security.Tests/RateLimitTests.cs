using System.Net;
using System.Text.Json;
using PandaEmulator;
using PandaMcp.Gateway.Security;

namespace PandaMcp.Security.Tests;

/// <summary>Calls per second per caller identity: over the limit, 429 with Retry-After and a JSON-RPC error; other callers go on.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private TestGateway _gateway = null!;

    public async Task InitializeAsync() =>
        _gateway = await TestGateway.StartAsync("--PandaMcp:Security:CallsPerSecond=1", "--PandaMcp:Security:CallBurst=3");

    [Fact]
    public async Task CallsOverTheBurst_Get429_WithRetryAfter_WhileAnotherIdentityIsServed()
    {
        var alice = TokenIssuer.Mint("alice");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var call = _gateway.ToolCall("system_is_alive", token: alice, origin: "atlas");
            using var answer = await _gateway.Http.SendAsync(call);
            statuses.Add(answer.StatusCode);
        }
        using var refusedCall = _gateway.ToolCall("system_is_alive", token: TokenIssuer.Mint("alice"), origin: "atlas");
        using var refused = await _gateway.Http.SendAsync(refusedCall);
        using var bobCall = _gateway.ToolCall("system_is_alive", token: TokenIssuer.Mint("bob"), origin: "atlas");
        using var bob = await _gateway.Http.SendAsync(bobCall);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(GatewayRefusal.ServerErrorCode, error.GetProperty("code").GetInt32());
        Assert.Contains("Too many calls from this caller", error.GetProperty("message").GetString());
        Assert.Contains("Retry-After", error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
        Assert.DoesNotContain(_gateway.LogLines, line => line.Contains(alice.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task AfterRetryAfter_TheCallerIsServedAgain()
    {
        var carol = TokenIssuer.Mint("carol");
        TimeSpan? retryAfter = null;
        while (retryAfter is null)
        {
            using var call = _gateway.ToolCall("system_is_alive", token: carol);
            using var answer = await _gateway.Http.SendAsync(call);
            retryAfter = answer.StatusCode == HttpStatusCode.TooManyRequests ? answer.Headers.RetryAfter!.Delta : null;
        }
        await Task.Delay(retryAfter.Value);

        using var again = _gateway.ToolCall("system_is_alive", token: carol);
        using var served = await _gateway.Http.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    public async Task DisposeAsync() => await _gateway.DisposeAsync();
}
