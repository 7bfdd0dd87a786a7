using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
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
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);
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
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Workers,
            // Header values outside ASCII go out as Latin-1 bytes, for the server to refuse, instead of failing here.
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        await AssertValidCallsSucceedAsync(gateway, http);
        var baseline = Heap();

        var sessions = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<string, int>();
        var generator = new FuzzRequests(Seed, gateway.McpUrl, TokenIssuer.Mint("fuzz"), () => sessions.FirstOrDefault());
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < TimeBound && Interlocked.Increment(ref sent) <= Requests)
            {
                HttpRequestMessage request;
                lock (generator)
                {
                    request = generator.Next();
                }
                using (request)
                {
                    statuses.AddOrUpdate(await SendAsync(http, request, sessions), 1, (_, count) => count + 1);
                }
            }
        })));
        clock.Stop();
        sent = Math.Min(sent, Requests);

        await EndSessionsAsync(http, gateway.McpUrl, sessions);
        var after = Heap();
        using var live = await http.GetAsync(new Uri(gateway.McpUrl, "/health/live"));
        await AssertValidCallsSucceedAsync(gateway, http);

        output.WriteLine($"Fuzz (seed {Seed}): {sent} requests in {clock.Elapsed.TotalSeconds:0.0} s ({sent / clock.Elapsed.TotalSeconds:0} per second), {Workers} at a time");
        foreach (var (answer, count) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {answer}: {count}");
        }
        output.WriteLine($"  sessions opened and ended: {sessions.Distinct().Count()}");
        output.WriteLine($"  managed heap after a full GC: grew by {(after - baseline) / 1048576.0:0.0} MB ({baseline / 1048576.0:0.0} MB before, {after / 1048576.0:0.0} MB after, the whole test process)");

        Assert.True(sent >= RequiredRequests, $"only {sent} requests within {TimeBound}");
        Assert.DoesNotContain(statuses.Keys, answer => answer.StartsWith('5') && answer != "503");
        Assert.DoesNotContain(statuses.Keys, answer => answer.StartsWith("no answer", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(after - baseline < HeapGrowthBound, $"the heap grew by {(after - baseline) / 1048576.0:0.0} MB");
    }

    /// <summary>
    /// The status, or why there is none. A stream (an SSE answer) is read until it ends or goes quiet; a stream
    /// that stays open without error is the protocol working (GET /mcp, GET /sse), not a failure.
    /// </summary>
    private static async Task<string> SendAsync(HttpClient http, HttpRequestMessage request, ConcurrentBag<string> sessions)
    {
        using var timeout = new CancellationTokenSource(AnswerTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            return $"no answer ({e.GetType().Name}: {e.Message}) to {request.Method} {request.RequestUri!.PathAndQuery}";
        }
        using (response)
        {
            if (response.Headers.TryGetValues("Mcp-Session-Id", out var ids))
            {
                sessions.Add(ids.First());
            }
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
            {
                try
                {
                    using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                    await response.Content.CopyToAsync(Stream.Null, quiet.Token);
                }
                catch (OperationCanceledException)
                {
                    // The stream is still open: left for the server to close when the client goes.
                }
                return status;
            }
            try
            {
                await response.Content.CopyToAsync(Stream.Null, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
            {
                return status + " cut short";
            }
            return status;
        }
    }

    private static async Task EndSessionsAsync(HttpClient http, Uri mcp, IEnumerable<string> sessions)
    {
        foreach (var session in sessions.Distinct())
        {
            using var end = new HttpRequestMessage(HttpMethod.Delete, mcp);
            end.Headers.TryAddWithoutValidation("Mcp-Session-Id", session);
            end.Headers.Add("MCP-Protocol-Version", "2025-11-25");
            using var ended = await http.SendAsync(end);
        }
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
        await EndSessionsAsync(http, gateway.McpUrl, initialized.Headers.GetValues("Mcp-Session-Id"));
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
