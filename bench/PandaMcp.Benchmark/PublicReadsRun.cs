using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PandaMcp.Contracts;

namespace PandaMcp.Benchmark;

/// <summary>
/// What the sharing of public reads is for: many agents asking PanDA the same question at once. On the split
/// topology (Redis, two silos, two gateways), 200 agents, half of them stateless (2026-07-28) and half with a
/// session (2025-11-25), call one statistics tool as fast as their answers come, first with public reads shared (the
/// defaults), then on a fresh cluster with <c>PandaMcp:PublicReads:Enabled=false</c>. After a warm-up, it counts
/// the calls the agents got answered and the REST calls the emulator received in the measured window.
/// </summary>
public static class PublicReadsRun
{
    public const string Tool = "statistics_job_stats_by_cloud";
    private const string Route = "statistics/job_stats_by_cloud";
    private const int AgentsPerGeneration = 100;
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    public static async Task<string> RunAsync(BenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var binaries = ServerBinaries.FromBuild(options.ServersFrom);
        var arguments = new Dictionary<string, JsonElement>();
        var logLevels = options.ServerLogArguments();
        var emulatorUrl = Loopback.Url(FreePort.Next());
        // The default durations of the rate run are for one target of many; this scenario has its own.
        var warmup = options.Warmup == new BenchmarkOptions().Warmup ? TimeSpan.FromSeconds(10) : options.Warmup;
        var window = options.Duration == new BenchmarkOptions().Duration ? TimeSpan.FromSeconds(30) : options.Duration;

        progress.WriteLine("Starting the emulator...");
        await using var emulator = ChildProcess.Start("emulator", binaries.Emulator,
            [.. logLevels, "--urls", Loopback.Authority(emulatorUrl), "--record-limit", "10000000"]);
        await emulator.WaitUntilServingAsync(emulatorUrl, TimeSpan.FromSeconds(90), cancellationToken);
        using var http = new HttpClient();

        var rows = new List<(string Setting, double CallsPerSecond, long Failed, int PandaCalls)>();
        foreach (var shared in new[] { true, false })
        {
            var setting = shared ? "shared (defaults)" : "off (PandaMcp:PublicReads:Enabled=false)";
            progress.WriteLine($"Starting the split cluster, public reads {setting}...");
            await using var cluster = await SplitCluster.StartAsync(binaries, silos: 2, gateways: 2, new Uri(emulatorUrl, "api/v1"),
                [.. logLevels, $"--PandaMcp:PublicReads:Enabled={shared.ToString().ToLowerInvariant()}"], cancellationToken);
            var agents = new List<ICaller>();
            try
            {
                for (var i = 0; i < AgentsPerGeneration; i++)
                {
                    agents.Add(new RawMcpCaller(cluster.McpEndpoints, Tool, arguments, PandaCredentials.Anonymous));
                    agents.Add(await RawSessionCaller.StartAsync(cluster.McpEndpoints, Tool, arguments, PandaCredentials.Anonymous, cancellationToken));
                }
                progress.WriteLine($"warm-up  {warmup.TotalSeconds:0} s, {agents.Count} agents");
                await LoadAsync(agents, warmup, cancellationToken);
                using (var cleared = await http.DeleteAsync(new Uri(emulatorUrl, "_emulator/requests"), cancellationToken))
                {
                    cleared.EnsureSuccessStatusCode();
                }
                var (succeeded, failed) = await LoadAsync(agents, window, cancellationToken);
                var pandaCalls = (await http.GetFromJsonAsync<JsonElement>(new Uri(emulatorUrl, $"_emulator/requests?route={Route}"), cancellationToken)).GetArrayLength();
                rows.Add((setting, succeeded / window.TotalSeconds, failed, pandaCalls));
                progress.WriteLine($"measured {setting}: {succeeded / window.TotalSeconds:0} calls/s, {failed} failed, {pandaCalls} PanDA calls");
            }
            finally
            {
                foreach (var agent in agents)
                {
                    await agent.DisposeAsync();
                }
            }
        }
        return Report(options, window, rows);
    }

    /// <summary>Every agent calls again as soon as its answer comes, for <paramref name="length"/>.</summary>
    private static async Task<(long Succeeded, long Failed)> LoadAsync(IReadOnlyList<ICaller> agents, TimeSpan length, CancellationToken cancellationToken)
    {
        long succeeded = 0, failed = 0;
        var until = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(agents.Select(agent => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < until && !cancellationToken.IsCancellationRequested)
            {
                var failure = await agent.CallAsync();
                Interlocked.Increment(ref failure is null ? ref succeeded : ref failed);
            }
        }, cancellationToken)));
        return (succeeded, failed);
    }

    private static string Report(BenchmarkOptions options, TimeSpan window, List<(string Setting, double CallsPerSecond, long Failed, int PandaCalls)> rows)
    {
        var bound = (int)Math.Ceiling(window / MaxAge) + 1;
        var off = rows.Single(r => !r.Setting.StartsWith("shared", StringComparison.Ordinal));
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"`{options.CommandLine}`");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{AgentsPerGeneration * 2} agents ({AgentsPerGeneration} stateless, {AgentsPerGeneration} sessions), `{Tool}` with `{{}}`, split topology, {window.TotalSeconds:0} s measured; at most {bound} PanDA calls expected when shared (one per {MaxAge.TotalSeconds:0} s max age, plus one).");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"| public reads | calls/s the agents got | ratio to off | failed calls | PanDA calls in {window.TotalSeconds:0} s |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Setting} | {row.CallsPerSecond:0} | {row.CallsPerSecond / off.CallsPerSecond:0.00} | {row.Failed} | {row.PandaCalls} |");
        }
        return report.ToString();
    }
}
