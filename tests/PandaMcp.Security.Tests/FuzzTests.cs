using System.Net;
using System.Net.Http.Headers;
using PandaEmulator;
using Xunit.Abstractions;

namespace PandaMcp.Security.Tests;

/// <summary>
/// 30,000 generated and mutated requests (at least 10,000 within a minute) against a running gateway (in this
/// process, so that its heap can be measured): no 5xx but 503, no crash, the heap back near its baseline, and
/// valid calls all served afterwards.
/// The figures go to the test output (<c>dotnet test --logger "console;verbosity=detailed"</c>) and to SECURITY.md.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261125;
    private const int Requests = 30_000;
    private const int RequiredRequests = 10_000;
    private const int Workers = 8;
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(60);
    private const long HeapGrowthBound = 64L * 1024 * 1024;

    [Fact]
    public async Task MutatedRequests_GetNoServerError_LeakNothing_AndValidCallsStillSucceed()
    {
        await using var gateway = await TestGateway.StartAsync(
            ["--record-limit", "0"],
            [
                // The fuzzer sends from one address as fast as it can: the limit stays on, high enough not to refuse.
                "--PandaMcp:Security:CallsPerSecond=100000",
                "--PandaMcp:Security:CallBurst=100000",
                "--PandaMcp:Gateway:Transport=sse",
                // Thousands of refused messages would fill the test output; errors still show.
                "--Logging:LogLevel:Default=Error",
            ]);
        using var http = FuzzRun.NewClient(Workers);
        await AssertValidCallsSucceedAsync(gateway, http);
        var baseline = Heap();

        var run = await FuzzRun.SendAsync(http, gateway.McpUrl, Seed, TokenIssuer.Mint("fuzz"), Requests, Workers, TimeBound);

        var after = Heap();
        using var live = await http.GetAsync(new Uri(gateway.McpUrl, "/health/live"));
        await AssertValidCallsSucceedAsync(gateway, http);

        foreach (var line in run.Lines(Seed, Workers))
        {
            output.WriteLine(line);
        }
        output.WriteLine($"  managed heap after a full GC: grew by {(after - baseline) / 1048576.0:0.0} MB ({baseline / 1048576.0:0.0} MB before, {after / 1048576.0:0.0} MB after, the whole test process)");

        Assert.True(run.Sent >= RequiredRequests, $"only {run.Sent} requests within {TimeBound}");
        Assert.Empty(run.Failures);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(after - baseline < HeapGrowthBound, $"the heap grew by {(after - baseline) / 1048576.0:0.0} MB");
    }

    private static async Task AssertValidCallsSucceedAsync(TestGateway gateway, HttpClient http)
    {
        var token = TokenIssuer.Mint("alice");
        for (var i = 0; i < 20; i++)
        {
            using var call = gateway.ToolCall(i % 2 == 0 ? "system_is_alive" : "task_get_status", i % 2 == 0 ? "{}" : """{"task_id":45012301}""", token, "atlas");
            using var response = await http.SendAsync(call);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK && !text.Contains("\"isError\":true", StringComparison.Ordinal), text);
        }
        using var initialize = new HttpRequestMessage(HttpMethod.Post, gateway.McpUrl)
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"after","version":"1"}}}"""),
        };
        initialize.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        initialize.Headers.Accept.ParseAdd("application/json, text/event-stream");
        using var initialized = await http.SendAsync(initialize);
        Assert.Equal(HttpStatusCode.OK, initialized.StatusCode);
        await FuzzRun.EndSessionsAsync(http, gateway.McpUrl, initialized.Headers.GetValues("Mcp-Session-Id"));
    }

    /// <summary>The managed heap of this process (gateway, emulator and test) after full, compacting collections.</summary>
    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
