using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PandaEmulator;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Testing;

namespace PandaMcp.Gateway.Tests;

/// <summary>An identity holds a bounded number of sessions; ending one frees its place.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SessionLimitTests(GatewayFixture gateway)
{
    private const int Limit = 100;

    [Fact]
    public async Task AnIdentityAtItsSessionLimit_Gets429_UntilItEndsOne()
    {
        var token = "Bearer " + TokenIssuer.Mint($"limit-{Guid.NewGuid():N}");
        using var rejections = new MetricCollector<long>(
            gateway.Services.GetRequiredService<IMeterFactory>(), GatewayMetrics.MeterName, "pandamcp.rate_limit.rejections");
        var sessions = new List<RawMcpSession>();
        for (var i = 0; i < Limit; i++)
        {
            sessions.Add(await RawMcpSession.StartAsync(gateway.Http, gateway.McpUrl, token));
        }

        var refused = await Record.ExceptionAsync(() => RawMcpSession.StartAsync(gateway.Http, gateway.McpUrl, token));
        var other = await RawMcpSession.StartAsync(gateway.Http, gateway.McpUrl, "Bearer " + TokenIssuer.Mint("someone-else"));
        using (await sessions[0].DeleteAsync(gateway.McpUrl))
        {
        }
        var afterEnding = await RawMcpSession.StartAsync(gateway.Http, gateway.McpUrl, token);

        Assert.Contains("429", refused?.Message);
        Assert.Contains("Too many open sessions", refused?.Message);
        Assert.NotEqual(sessions[0].SessionId, afterEnding.SessionId);
        Assert.NotNull(other.SessionId);
        Assert.Equal([GatewayMetrics.SessionLimitPolicy], rejections.GetMeasurementSnapshot().Select(m => m.Tags["policy"]));
    }
}
