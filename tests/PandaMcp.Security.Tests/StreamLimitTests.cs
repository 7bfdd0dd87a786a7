using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PandaEmulator;
using PandaMcp.Gateway.Telemetry;

namespace PandaMcp.Security.Tests;

/// <summary>SSE streams one caller holds open at once: over the limit, 429 with Retry-After; a closed stream frees its place.</summary>
public sealed class StreamLimitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AStreamOverTheLimit_Gets429_UntilTheCallerClosesOne_WhileAnotherCallerIsServed()
    {
        await using var gateway = await TestGateway.StartAsync("--PandaMcp:Security:MaxStreamsPerCaller=2", "--PandaMcp:Gateway:Transport=sse");
        using var rejections = new MetricCollector<long>(
            gateway.Services.GetRequiredService<IMeterFactory>(), GatewayMetrics.MeterName, "pandamcp.rate_limit.rejections");
        var alice = TokenIssuer.Mint("alice");
        var first = await OpenAsync(gateway, alice);
        using var second = await OpenAsync(gateway, alice);

        using var refused = await OpenAsync(gateway, alice);
        using var bobs = await OpenAsync(gateway, TokenIssuer.Mint("bob"));
        var refusal = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        first.Dispose();
        // The first stream's place is free once the gateway sees it closed.
        HttpResponseMessage? reopened = null;
        await Wait.UntilAsync(async _ =>
        {
            reopened?.Dispose();
            reopened = await OpenAsync(gateway, alice);
            return reopened.StatusCode == HttpStatusCode.OK;
        }, Patience, "a stream of the caller opens again after one was closed");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("Too many open streams", refusal.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, bobs.StatusCode);
        Assert.NotEmpty(rejections.GetMeasurementSnapshot());
        Assert.All(rejections.GetMeasurementSnapshot(), m => Assert.Equal(GatewayMetrics.StreamLimitPolicy, m.Tags["policy"]));
        reopened!.Dispose();
    }

    /// <summary>GET /sse with a token and its VO, answered once the headers (and, when open, the first event) arrive.</summary>
    private static async Task<HttpResponseMessage> OpenAsync(TestGateway gateway, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway.McpUrl, "/sse"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.TryAddWithoutValidation("Origin", "atlas");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await gateway.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
