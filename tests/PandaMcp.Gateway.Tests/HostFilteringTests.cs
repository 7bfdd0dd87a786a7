using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PandaMcp.Gateway.Hosting;

namespace PandaMcp.Gateway.Tests;

/// <summary>DNS-rebinding protection: only the configured Host names are served (loopback ones by default).</summary>
[Collection(GatewayCollection.Name)]
public sealed class HostFilteringTests(GatewayFixture gateway)
{
    [Theory]
    [InlineData("evil.example.com", HttpStatusCode.BadRequest)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    public async Task HostHeader_OutsideAllowedHosts_Gets400(string host, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, gateway.McpUrl)
        {
            Content = JsonContent.Create(new
            {
                jsonrpc = "2.0",
                id = 1,
                method = "initialize",
                @params = new { protocolVersion = "2025-11-25", capabilities = new { }, clientInfo = new { name = "t", version = "1" } },
            }),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Host = $"{host}:{gateway.McpUrl.Port}";

        using var response = await gateway.Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AllowedHosts_DefaultsToLoopback_AndConfigurationReplacesIt()
    {
        await using var byDefault = GatewayApp.Create([]);
        await using var configured = GatewayApp.Create(["--AllowedHosts=panda.example.org;localhost"]);

        Assert.Equal(GatewayHostingExtensions.DefaultAllowedHosts.Split(';'), AllowedHosts(byDefault));
        Assert.Equal(["panda.example.org", "localhost"], AllowedHosts(configured));
    }

    private static IList<string> AllowedHosts(WebApplication app) =>
        app.Services.GetRequiredService<IOptions<HostFilteringOptions>>().Value.AllowedHosts;
}
