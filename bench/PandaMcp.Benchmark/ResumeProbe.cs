using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Sessions;

namespace PandaMcp.Benchmark;

/// <summary>
/// How long a resume takes: a session initialized through a gateway of a split cluster (Redis, one silo, one
/// gateway), one of its streams given 100 events, then <c>GET /mcp</c> with <c>Last-Event-ID</c> naming the
/// first of them, timed until the stream ends after the other 99, again and again.
/// </summary>
public static class ResumeProbe
{
    private const int Events = 100;
    private const int WarmupResumes = 10;
    private const int MeasuredResumes = 50;

    /// <summary>The request whose stream is replayed; the session makes no other request with this id.</summary>
    private const int RequestId = 1;

    public static async Task<string> RunAsync(BenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        progress.WriteLine("Starting Redis, one silo and one gateway...");
        await using var cluster = await SplitCluster.StartAsync(ServerBinaries.FromBuild(), silos: 1, gateways: 1,
            SplitCluster.NoPanda, options.ServerLogLevel, cancellationToken);
        await using var client = await ClusterClient.JoinAsync(cluster, cancellationToken);
        var endpoint = cluster.McpEndpoints[0];
        await using var session = await RawSessionCaller.StartAsync(
            [endpoint], "system_is_alive", new Dictionary<string, JsonElement>(), PandaCredentials.Anonymous, cancellationToken);
        var firstEvent = await AppendStreamAsync(client.Grains.GetGrain<ISessionGrain>(session.SessionId));
        var lastEventId = SessionEventIds.Format(session.SessionId, firstEvent);

        progress.WriteLine($"Resuming {WarmupResumes} times to warm up, then {MeasuredResumes} times measured...");
        for (var i = 0; i < WarmupResumes; i++)
        {
            await ResumeAsync(session, endpoint, lastEventId, cancellationToken);
        }
        var times = new List<double>();
        for (var i = 0; i < MeasuredResumes; i++)
        {
            times.Add(await ResumeAsync(session, endpoint, lastEventId, cancellationToken));
        }
        times.Sort();

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Resume of a stream of {Events} events after its first (GET /mcp, Last-Event-ID, {Events - 1} events replayed to the stream's end), "
            + $"{MeasuredResumes} times after {WarmupResumes} unmeasured:");
        text.AppendLine();
        text.AppendLine("| resumes | median ms | p90 ms | max ms |");
        text.AppendLine("|---:|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {MeasuredResumes} | {times[times.Count / 2]:0.0} | {times[(int)Math.Ceiling(0.9 * times.Count) - 1]:0.0} | {times[^1]:0.0} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{options.CommandLine}`");
        return text.ToString();
    }

    /// <summary>
    /// Gives the stream of request <see cref="RequestId"/> progress notifications and, last, its response, as a
    /// gateway records a tool call that waited for PanDA; returns the first event's sequence.
    /// </summary>
    private static async Task<long> AppendStreamAsync(ISessionGrain grain)
    {
        var streamId = RequestId.ToString(CultureInfo.InvariantCulture);
        long first = 0;
        for (var i = 1; i < Events; i++)
        {
            var progress = $$$"""{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"bench","progress":{{{i}}},"message":"Waiting for PanDA: {{{i}}} s"}}""";
            var appended = await grain.AppendAsync(streamId, new SessionEventData(progress));
            first = first == 0 ? appended.Sequence : first;
        }
        var response = $$$"""{"jsonrpc":"2.0","id":{{{RequestId}}},"result":{"content":[{"type":"text","text":"{\"success\":true,\"message\":\"\",\"data\":\"yes\"}"}],"isError":false}}""";
        await grain.AppendAsync(streamId, new SessionEventData(response, FinalForRequestIdJson: streamId));
        return first;
    }

    /// <summary>One resume, in milliseconds from sending the GET to the end of its stream.</summary>
    private static async Task<double> ResumeAsync(RawSessionCaller session, Uri endpoint, string lastEventId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await session.ResumeAsync(endpoint, lastEventId, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkFailedException(
                $"The resume answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        var replayed = 0;
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(cancellationToken)).EnumerateAsync(cancellationToken))
        {
            replayed += string.IsNullOrEmpty(item.EventId) ? 0 : 1;
        }
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return replayed == Events - 1
            ? elapsed
            : throw new BenchmarkFailedException($"The resume replayed {replayed} events, not {Events - 1}.");
    }
}
