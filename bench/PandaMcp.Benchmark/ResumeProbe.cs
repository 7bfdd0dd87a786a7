using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Sessions;

namespace PandaMcp.Benchmark;

/// <summary>
/// How long a resume takes: a session initialized through a gateway of a split cluster (Redis, one silo, one
/// gateway), its listening stream given 100 events, then <c>GET /mcp</c> with <c>Last-Event-ID</c> naming the
/// stream's start, timed until the 100 have arrived, again and again.
/// </summary>
public static class ResumeProbe
{
    private const int Events = 100;
    private const int WarmupResumes = 10;
    private const int MeasuredResumes = 50;

    public static async Task<string> RunAsync(BenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        progress.WriteLine("Starting Redis, one silo and one gateway...");
        await using var cluster = await SplitCluster.StartAsync(ServerBinaries.FromBuild(), silos: 1, gateways: 1,
            SplitCluster.NoPanda, options.ServerLogArguments(), cancellationToken);
        await using var client = await ClusterClient.JoinAsync(cluster, cancellationToken);
        var endpoint = cluster.McpEndpoints[0];
        await using var session = await RawSessionCaller.StartAsync(
            [endpoint], "system_is_alive", new Dictionary<string, JsonElement>(), PandaCredentials.Anonymous, cancellationToken);
        var grain = client.Grains.GetSessionGrain(session.SessionId);
        await using var listening = grain.ListenAsync(new SessionCaller(CallerIdentity.Anonymous, SessionTransport.StreamableHttp), cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        var firstEvent = await FillStreamAsync(grain, listening);
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
            $"Resume of a stream after its start (GET /mcp, Last-Event-ID, timed until its {Events} events have been replayed), "
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
    /// Opens the session's listening stream (as a GET would) and sends 99 progress notifications and a response
    /// on it, as the session grain records a call that waited for PanDA; returns the sequence of the stream's start.
    /// </summary>
    private static async Task<long> FillStreamAsync(ISessionGrain grain, IAsyncEnumerator<SessionStreamItem> listening)
    {
        if (!await listening.MoveNextAsync() || listening.Current.Status != SessionStreamStatus.Opened)
        {
            throw new BenchmarkFailedException("The session's stream did not open.");
        }
        var caller = new SessionCaller(CallerIdentity.Anonymous, SessionTransport.StreamableHttp);
        for (var i = 1; i < Events; i++)
        {
            await grain.PostAsync(caller, $$$"""{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":"bench","progress":{{{i}}},"message":"Waiting for PanDA: {{{i}}} s"}}""");
        }
        await grain.PostAsync(caller, """{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"{\"success\":true,\"message\":\"\",\"data\":\"yes\"}"}],"isError":false}}""");
        return listening.Current.Event!.Sequence;
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
        // The listening stream goes on after what it replays: the resume is done when the 100 events have come.
        var replayed = 0;
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(cancellationToken)).EnumerateAsync(cancellationToken))
        {
            if (!string.IsNullOrEmpty(item.EventId) && ++replayed == Events)
            {
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }
        throw new BenchmarkFailedException($"The resume replayed {replayed} events, not {Events}.");
    }
}
