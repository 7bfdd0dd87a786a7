using System.Globalization;
using System.Text.RegularExpressions;
using ModelContextProtocol.Client;
using PandaEmulator;
using System.Net;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Operations.Tests;

/// <summary>The Prometheus scrape endpoint after a few tool calls: counters and histograms per tool, PanDA's latency.</summary>
[Collection(OperationsCollection.Name)]
public sealed class MetricsTests(GatewayFixture gateway)
{
    private const string Tool = "statistics_active_job_stats_by_site";

    [Fact]
    public async Task ToolCalls_ShowUpAsCountersAndHistograms_WithoutCredentials()
    {
        var token = TokenIssuer.Mint("carol");
        await using var client = await gateway.ConnectAsync(headers: new Dictionary<string, string>
        {
            ["Authorization"] = $"Bearer {token}",
            ["Origin"] = "atlas",
        });
        var before = Sample(await ScrapeAsync(), "pandamcp_tool_calls_total", Tool, "ok");

        for (var i = 0; i < 3; i++)
        {
            var result = await client.CallToolAsync(Tool);
            Assert.NotEqual(true, result.IsError);
        }

        // The exporter caches its answer for a moment: wait for the scrape that includes the calls.
        var text = "";
        await Wait.UntilAsync(
            async _ => Sample(text = await ScrapeAsync(), "pandamcp_tool_calls_total", Tool, "ok") >= before + 3,
            Probe.Timeout,
            $"three more {Tool} calls counted");
        var calls = Sample(text, "pandamcp_tool_calls_total", Tool, "ok");
        Assert.Equal(before + 3, calls);
        Assert.Equal(calls, Sample(text, "pandamcp_tool_duration_seconds_count", Tool, "ok"));
        Assert.Matches(Line("pandamcp_tool_duration_seconds_bucket", Tool, "ok", """le="\+Inf"""), text);
        Assert.Matches("""(?m)^pandamcp_panda_request_duration_seconds_count\{[^}]*http_response_status_code="200"[^}]*panda_function="active_job_stats_by_site"[^}]*\} \d+""", text);
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain("atlas", text);
    }

    [Fact]
    public async Task InvalidArguments_AreCountedByKind()
    {
        await using var client = await gateway.ConnectAsync();
        const string tool = "task_get_status";
        var before = Sample(await ScrapeAsync(), "pandamcp_tool_calls_total", tool, "invalid_arguments");

        var result = await client.CallToolAsync(tool);

        Assert.True(result.IsError);
        await Wait.UntilAsync(
            async _ => Sample(await ScrapeAsync(), "pandamcp_tool_calls_total", tool, "invalid_arguments") == before + 1,
            Probe.Timeout,
            "the rejected call counted as invalid_arguments");
    }

    [Fact]
    public async Task SessionsAndTheirStreams_AreCounted_WhileOpen()
    {
        var host = gateway.McpUrl;
        var streams = ("transport", GatewayMetrics.StreamableHttpTransport);
        var sessionsBefore = await PrometheusScrape.ValueAsync(gateway.Http, host, "pandamcp_sessions_active");
        var streamsBefore = await PrometheusScrape.ValueAsync(gateway.Http, host, "pandamcp_streams_open", streams);

        var session = await RawMcpSession.StartAsync(gateway.Http, gateway.McpUrl);
        await PrometheusScrape.UntilAsync(gateway.Http, host, sessionsBefore + 1, "pandamcp_sessions_active");
        await using (var stream = await session.OpenStreamAsync(gateway.McpUrl))
        {
            Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
            await PrometheusScrape.UntilAsync(gateway.Http, host, streamsBefore + 1, "pandamcp_streams_open", streams);
        }
        await PrometheusScrape.UntilAsync(gateway.Http, host, streamsBefore, "pandamcp_streams_open", streams);
        using (var ended = await session.DeleteAsync(gateway.McpUrl))
        {
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        }

        await PrometheusScrape.UntilAsync(gateway.Http, host, sessionsBefore, "pandamcp_sessions_active");
    }

    private async Task<string> ScrapeAsync() =>
        await gateway.Http.GetStringAsync(new Uri(gateway.McpUrl, TelemetryHostingExtensions.MetricsPath));

    /// <summary>A sample line of <paramref name="metric"/> for one tool and outcome, whatever other labels it carries.</summary>
    private static string Line(string metric, string tool, string outcome, string more = "") =>
        $$"""(?m)^{{metric}}\{(?=[^}]*mcp_tool_name="{{tool}}")(?=[^}]*outcome="{{outcome}}"){{(more.Length > 0 ? $"(?=[^}}]*{more})" : "")}}[^}]*\} (?<value>[0-9.e+]+)""";

    /// <summary>The value of that sample, 0 when the series does not exist yet.</summary>
    private static double Sample(string text, string metric, string tool, string outcome) =>
        PrometheusScrape.Value(text, metric, ("mcp_tool_name", tool), ("outcome", outcome));
}
