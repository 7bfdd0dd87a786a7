using System.Net;
using System.Text.Json;
using PandaEmulator;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Security;

namespace PandaMcp.Security.Tests;

/// <summary>Origin carries the VO in PanDA's scheme: configured VOs and web origins pass, anything else gets 403 before any work.</summary>
public sealed class OriginTests(OriginTests.Gateway shared) : IClassFixture<OriginTests.Gateway>
{
    private readonly TestGateway _gateway = shared.Gateway;

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("atlas", true)]
    [InlineData("atlas:production", true)]
    [InlineData("atlas.production", true)]
    [InlineData("atlas:", false)]
    [InlineData("atlasx", false)]
    [InlineData("cms", false)]
    [InlineData("null", false)]
    [InlineData("https://evil.example.com", false)]
    [InlineData("http://evil.example.com:25888", false)]
    [InlineData("http://localhost:3000", true)]
    [InlineData("http://127.0.0.1", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("https://bigpanda.example.org", true)]
    [InlineData("https://bigpanda.example.org/", false)]
    [InlineData("https://bigpanda.example.org:8443", false)]
    public void Policy_AcceptsConfiguredVosAndWebOrigins_Only(string? origin, bool accepted)
    {
        var policy = new OriginPolicy(new SecurityOptions { AllowedOrigins = "https://bigpanda.example.org" });

        Assert.Equal(accepted, policy.Accepts(origin));
    }

    [Fact]
    public void Policy_TakesItsVosAndOriginsFromConfiguration()
    {
        var policy = new OriginPolicy(new SecurityOptions { AllowedVos = "sphenix; atlas", AllowedOrigins = "https://panda.example.org/", AllowLoopbackOrigins = false });

        Assert.True(policy.Accepts("sphenix.production"));
        Assert.True(policy.Accepts("atlas"));
        Assert.False(policy.Accepts("cms"));
        Assert.False(policy.Accepts("http://localhost:3000"));
        Assert.True(policy.Accepts("https://panda.example.org"));
    }

    [Theory]
    [InlineData("https://evil.example.com")]
    [InlineData("cms")]
    public async Task RefusedOrigin_Gets403_WithAJsonRpcErrorThatSaysWhatToSend_AndPandaIsNotCalled(string origin)
    {
        using var request = _gateway.ToolCall("system_get_user_attributes", token: TokenIssuer.Mint("alice"), origin: origin);

        using var response = await _gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(McpProtocol.ServerError, error.GetProperty("code").GetInt32());
        Assert.Contains("send your VO (atlas", error.GetProperty("message").GetString());
        Assert.Equal(0, await _gateway.PandaRequestCountAsync("system/get_user_attributes"));
    }

    [Theory]
    [InlineData("atlas:production")]
    [InlineData("http://localhost:6274")]
    [InlineData(null)]
    public async Task AcceptedOrigin_IsServed(string? origin)
    {
        using var request = _gateway.ToolCall("system_is_alive", origin: origin);

        using var response = await _gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public sealed class Gateway() : SharedTestGateway("--PandaMcp:Security:AllowedOrigins=https://bigpanda.example.org");
}
