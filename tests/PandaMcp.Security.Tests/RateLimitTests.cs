using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PandaEmulator;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Security;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Testing;

namespace PandaMcp.Security.Tests;

/// <summary>Calls per second per caller identity: over the limit, 429 with Retry-After and a JSON-RPC error; other callers go on.</summary>
public sealed class RateLimitTests(RateLimitTests.Gateway shared) : IClassFixture<RateLimitTests.Gateway>
{
    private readonly TestGateway _gateway = shared.Gateway;

    [Fact]
    public async Task CallsOverTheBurst_Get429_WithRetryAfter_WhileAnotherIdentityIsServed()
    {
        var alice = TokenIssuer.Mint("alice");
        var bob = TokenIssuer.Mint("bob");
        using var rejections = new MetricCollector<long>(
            _gateway.Services.GetRequiredService<IMeterFactory>(), GatewayMetrics.MeterName, "pandamcp.rate_limit.rejections");
        using (var warmUp = _gateway.ToolCall("system_is_alive", token: bob, origin: "atlas"))
        {
            (await _gateway.Http.SendAsync(warmUp)).Dispose();
        }

        // A token comes back every second, so a slow machine may get a fourth call through before the refusal.
        var served = 0;
        HttpResponseMessage refused;
        while (true)
        {
            using var call = _gateway.ToolCall("system_is_alive", token: alice, origin: "atlas");
            var answer = await _gateway.Http.SendAsync(call);
            if (answer.StatusCode != HttpStatusCode.OK || ++served == 10)
            {
                refused = answer;
                break;
            }
            answer.Dispose();
        }
        using (refused)
        {
            using var bobCall = _gateway.ToolCall("system_is_alive", token: bob, origin: "atlas");
            using var bobAnswer = await _gateway.Http.SendAsync(bobCall);

            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.InRange(served, 3, 6);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
            Assert.Equal(McpProtocol.ServerError, error.GetProperty("code").GetInt32());
            Assert.Contains("Too many calls from this caller", error.GetProperty("message").GetString());
            Assert.Contains("Retry-After", error.GetProperty("message").GetString());
            Assert.Equal(HttpStatusCode.OK, bobAnswer.StatusCode);
            Assert.DoesNotContain(_gateway.LogLines, line => line.Contains(alice.Split('.')[2], StringComparison.Ordinal));
            Assert.Equal([GatewayMetrics.CallRatePolicy], rejections.GetMeasurementSnapshot().Select(m => m.Tags["policy"]));
        }
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

    [Fact]
    public async Task ProtocolRequests_AreNotCounted_OnlyToolCalls()
    {
        var dave = TokenIssuer.Mint("dave");
        for (var id = 1; id <= 20; id++)
        {
            using var list = RawSessionlessCall.Request(_gateway.McpUrl, id, "tools/list", null, new { }, "Bearer " + dave);
            using var listed = await _gateway.Http.SendAsync(list);
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        }

        using var call = _gateway.ToolCall("system_is_alive", token: dave, origin: "atlas");
        using var served = await _gateway.Http.SendAsync(call);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    public sealed class Gateway() : SharedTestGateway("--PandaMcp:Security:CallsPerSecond=1", "--PandaMcp:Security:CallBurst=3");
}
