using System.Net;
using Microsoft.Extensions.Options;
using PandaMcp.Gateway;
using PandaMcp.Testing;

namespace PandaMcp.Security.Tests;

/// <summary>
/// Anonymous callers behind a reverse proxy: told apart by the proxy's <c>X-Forwarded-For</c> when the proxy is
/// trusted (each its own budget of calls), and never by a header a caller sends itself.
/// </summary>
public sealed class ForwardedCallerTests
{
    [Fact]
    public async Task BehindATrustedProxy_EachForwardedAddress_HasItsOwnBudget()
    {
        await using var gateway = await TestGateway.StartAsync(
            "--PandaMcp:Security:CallsPerSecond=1", "--PandaMcp:Security:CallBurst=2", "--PandaMcp:Security:TrustedProxies=127.0.0.0/8;::1");

        var first = await CallsUntilRefusedAsync(gateway, "192.0.2.10");
        var second = await SendAsync(gateway, "192.0.2.11");

        Assert.Equal(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Contains(gateway.LogLines, line => line.Contains("192.0.2.10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutATrustedProxy_ForwardedAddresses_AreIgnored()
    {
        await using var gateway = await TestGateway.StartAsync("--PandaMcp:Security:CallsPerSecond=1", "--PandaMcp:Security:CallBurst=2");

        var first = await CallsUntilRefusedAsync(gateway, "192.0.2.20");
        var claimingAnother = await SendAsync(gateway, "192.0.2.21");

        Assert.Equal(HttpStatusCode.TooManyRequests, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, claimingAnother);
    }

    [Fact]
    public void ABadProxyEntry_StopsTheGatewayAtStart_NamingIt()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => GatewayApp.Create(GatewayArguments.For(
            new Uri("http://127.0.0.1:9/api/v1"), "http://127.0.0.1:0", "--PandaMcp:Security:TrustedProxies=10.0.0.0/8;apache.example.org")));

        Assert.Contains("PandaMcp:Security:TrustedProxies: 'apache.example.org' is neither an IP address nor a network", failure.Message);
    }

    private static async Task<HttpStatusCode> CallsUntilRefusedAsync(TestGateway gateway, string forwardedFor)
    {
        // A token comes back every second: a slow machine may get a few more through before the refusal.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await SendAsync(gateway, forwardedFor) is var status and not HttpStatusCode.OK)
            {
                return status;
            }
        }
        return HttpStatusCode.OK;
    }

    private static async Task<HttpStatusCode> SendAsync(TestGateway gateway, string forwardedFor)
    {
        using var call = gateway.ToolCall("system_is_alive");
        call.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var answer = await gateway.Http.SendAsync(call);
        return answer.StatusCode;
    }
}
