using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PandaMcp.Testing;

/// <summary>
/// Sends a <see cref="FuzzRequests"/> sequence to a gateway from several workers at once and counts the answers by
/// status, or why there was none; ends the sessions the requests opened. Shared by the fuzz tests of the all-in-one
/// gateway and of the split topology.
/// </summary>
public sealed class FuzzRun
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    private FuzzRun(IReadOnlyDictionary<string, int> statuses, int sent, TimeSpan elapsed, int sessions)
    {
        Statuses = statuses;
        Sent = sent;
        Elapsed = elapsed;
        Sessions = sessions;
    }

    /// <summary>How many requests got each answer: a status code, or "no answer (...)".</summary>
    public IReadOnlyDictionary<string, int> Statuses { get; }

    public int Sent { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>Sessions the requests opened (all ended afterwards).</summary>
    public int Sessions { get; }

    /// <summary>Any 5xx but 503 (the cluster's "try again"), or a request without an answer.</summary>
    public IEnumerable<string> Failures => Statuses.Keys.Where(answer => answer.StartsWith('5') && answer != "503" || answer.StartsWith("no answer", StringComparison.Ordinal));

    /// <summary>A client that sends header values outside ASCII as Latin-1 bytes, for the server to refuse, instead of failing here.</summary>
    public static HttpClient NewClient(int workers) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = workers,
        RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public static async Task<FuzzRun> SendAsync(HttpClient http, Uri mcp, int seed, string token, int requests, int workers, TimeSpan timeBound)
    {
        var sessions = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<string, int>();
        var generator = new FuzzRequests(seed, mcp, token, () => sessions.FirstOrDefault());
        var sent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < timeBound && Interlocked.Increment(ref sent) <= requests)
            {
                HttpRequestMessage request;
                lock (generator)
                {
                    request = generator.Next();
                }
                using (request)
                {
                    statuses.AddOrUpdate(await AnswerAsync(http, request, sessions), 1, (_, count) => count + 1);
                }
            }
        })));
        clock.Stop();
        await EndSessionsAsync(http, mcp, sessions);
        return new FuzzRun(statuses, Math.Min(sent, requests), clock.Elapsed, sessions.Distinct().Count());
    }

    public static async Task EndSessionsAsync(HttpClient http, Uri mcp, IEnumerable<string> sessions)
    {
        foreach (var session in sessions.Distinct())
        {
            using var end = new HttpRequestMessage(HttpMethod.Delete, mcp);
            end.Headers.TryAddWithoutValidation("Mcp-Session-Id", session);
            end.Headers.Add("MCP-Protocol-Version", "2025-11-25");
            using var ended = await http.SendAsync(end);
        }
    }

    /// <summary>The figures, a line each, for the test output and SECURITY.md.</summary>
    public IEnumerable<string> Lines(int seed, int workers) =>
    [
        $"Fuzz (seed {seed}): {Sent} requests in {Elapsed.TotalSeconds:0.0} s ({Sent / Elapsed.TotalSeconds:0} per second), {workers} at a time",
        .. Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"  {s.Key}: {s.Value}"),
        $"  sessions opened and ended: {Sessions}",
    ];

    /// <summary>
    /// The status, or why there is none. A stream (an SSE answer) is read until it ends or goes quiet; a stream
    /// that stays open without error is the protocol working (GET /mcp, GET /sse), not a failure.
    /// </summary>
    private static async Task<string> AnswerAsync(HttpClient http, HttpRequestMessage request, ConcurrentBag<string> sessions)
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
            var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
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
}
