using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PandaMcp.Benchmark;

/// <summary>
/// What operators rely on when they roll the cluster forward: the split topology (Redis, two silos, two gateways)
/// under a steady load of both protocol generations through a load balancer's view of the ready gateways, while
/// every silo and gateway is replaced again and again (a rolling restart: the new one ready, then the old one sent
/// SIGTERM), then a silo and a gateway are killed (SIGKILL), then a run at steady load for the memory. It reports the
/// failed calls of each event with their reasons, each process's resident memory over the run, and the sessions
/// and streams gauges once the load has stopped.
/// </summary>
public static class SoakRun
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MemorySample = TimeSpan.FromSeconds(10);
    private const int CallersPerGeneration = 4;

    public static async Task<string> RunAsync(BenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var binaries = ServerBinaries.FromBuild(options.ServersFrom);
        var credentials = await BenchmarkSession.CredentialsAsync(options, binaries, cancellationToken);
        var (tool, arguments, _) = BenchmarkSession.DescribeCall(options, credentials);
        var logLevels = options.ServerLogArguments();
        var emulatorUrl = Loopback.Url(FreePort.Next());

        progress.WriteLine("Starting the emulator and the split cluster (Redis, two silos, two gateways)...");
        await using var emulator = ChildProcess.Start("emulator", binaries.Emulator,
            [.. logLevels, "--urls", Loopback.Authority(emulatorUrl), "--record-limit", "0"]);
        await emulator.WaitUntilServingAsync(emulatorUrl, TimeSpan.FromSeconds(90), cancellationToken);
        await using var cluster = await SplitCluster.StartAsync(binaries, silos: 2, gateways: 2, new Uri(emulatorUrl, "api/v1"), logLevels, cancellationToken);
        var silos = cluster.Silos.Select((silo, i) => (Process: silo, Url: cluster.SiloUrls[i])).ToList();
        var gateways = cluster.Gateways.Select((gateway, i) => (Process: gateway, Mcp: cluster.McpEndpoints[i])).ToList();
        var ready = new ReadyGateways(cluster.McpEndpoints);

        var callers = new List<(string Generation, ICaller Caller)>();
        var listening = new List<Task>();
        using var stopListening = new CancellationTokenSource();
        for (var i = 0; i < CallersPerGeneration; i++)
        {
            callers.Add(("2026-07-28", new RawMcpCaller(ready, tool, arguments, credentials)));
            var session = await RawSessionCaller.StartAsync(ready, tool, arguments, credentials, cancellationToken);
            callers.Add(("2025-11-25", session));
            // Each session also holds its GET stream open, as clients that take server messages do.
            listening.Add(session.ListenAsync(stopListening.Token));
        }
        var pace = TimeSpan.FromSeconds(callers.Count / (double)options.SoakRate);
        var load = SoakLoad.Start(callers, pace);
        // Each event from its start to 5 s after it; its failures are counted once the load has stopped, so that a
        // call that hangs is counted against the event it started in.
        var events = new List<(string Name, TimeSpan From, TimeSpan To, long Calls)>();
        var generation = 0;

        async Task EventAsync(string name, Func<Task> happen)
        {
            progress.WriteLine($"{load.Elapsed:mm\\:ss}  {name}");
            var from = load.Elapsed;
            var calls = load.Succeeded + load.Failed;
            await happen();
            await Task.Delay(Settle, cancellationToken);
            events.Add((name, from, load.Elapsed, load.Succeeded + load.Failed - calls));
        }

        async Task ReplaceSiloAsync(int index, bool kill)
        {
            var old = silos[index];
            if (kill)
            {
                await old.Process.KillAsync();
            }
            var replacement = await cluster.StartSiloAsync($"silo-{++generation + 2}", cancellationToken);
            silos[index] = replacement;
            if (!kill)
            {
                await old.Process.TerminateAsync(StopTimeout, cancellationToken);
            }
        }

        async Task ReplaceGatewayAsync(int index, bool kill)
        {
            var old = gateways[index];
            if (kill)
            {
                await old.Process.KillAsync();
                // The load balancer notices the dead endpoint (refused connections, failed probes) and drops it.
                ready.Remove(old.Mcp);
            }
            var replacement = await cluster.StartGatewayAsync($"gateway-{++generation + 2}", cancellationToken);
            gateways[index] = replacement;
            ready.Add(replacement.Mcp);
            if (!kill)
            {
                // Out of the endpoints first, then stopped: it finishes what it has.
                ready.Remove(old.Mcp);
                await old.Process.TerminateAsync(StopTimeout, cancellationToken);
            }
        }

        await Task.Delay(Settle, cancellationToken);
        for (var round = 1; round <= options.SoakRestarts; round++)
        {
            await EventAsync($"rolling restart {round} of every silo and gateway", async () =>
            {
                for (var i = 0; i < silos.Count; i++)
                {
                    await ReplaceSiloAsync(i, kill: false);
                }
                for (var i = 0; i < gateways.Count; i++)
                {
                    await ReplaceGatewayAsync(i, kill: false);
                }
            });
        }
        await EventAsync("kill -9 of a silo, then a new one", () => ReplaceSiloAsync(0, kill: true));
        await EventAsync("kill -9 of a gateway, then a new one", () => ReplaceGatewayAsync(0, kill: true));

        progress.WriteLine($"{load.Elapsed:mm\\:ss}  steady load for {options.SoakDuration.TotalMinutes:0.#} min, memory sampled every {MemorySample.TotalSeconds:0} s");
        var steadyFrom = load.Elapsed;
        var steadyCalls = load.Succeeded + load.Failed;
        var memory = await SampleMemoryAsync(
            [.. silos.Select(s => s.Process), .. gateways.Select(g => g.Process), cluster.Redis.Process], options.SoakDuration, cancellationToken);
        events.Add(($"steady load, {options.SoakDuration.TotalMinutes:0.#} min", steadyFrom, load.Elapsed, load.Succeeded + load.Failed - steadyCalls));

        await load.StopAsync();
        await stopListening.CancelAsync();
        await Task.WhenAll(listening);
        foreach (var (_, caller) in callers)
        {
            await caller.DisposeAsync();
        }
        // A gateway counts a stream closed once it sees its client go: read the gauges until both are at zero, 10 s at most.
        using var http = new HttpClient();
        string sessionsActive, streamsOpen;
        var settled = Stopwatch.StartNew();
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            sessionsActive = await GaugeAsync(http, silos.Select(s => s.Url), "pandamcp_sessions_active", cancellationToken);
            streamsOpen = await GaugeAsync(http, gateways.Select(g => new Uri(g.Mcp, "/")), "pandamcp_streams_open", cancellationToken);
        }
        while ((sessionsActive, streamsOpen) != ("0", "0") && settled.Elapsed < TimeSpan.FromSeconds(10));

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Soak of the split topology (Redis, 2 silos, 2 gateways), `{tool}`: {CallersPerGeneration} callers of 2026-07-28 and {CallersPerGeneration} 2025-11-25 sessions (each with its GET stream open), "
            + $"{options.SoakRate} calls/s in all, each request to the next ready gateway; {load.Succeeded:N0} calls succeeded, {load.Failed:N0} failed.");
        report.AppendLine();
        report.AppendLine("| event | took | calls | failed | why they failed |");
        report.AppendLine("|---|---:|---:|---:|---|");
        foreach (var (name, from, to, calls) in events)
        {
            var failures = load.FailuresBetween(from, to);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {(to - from).TotalSeconds:0} s | {calls:N0} | {failures.Count} | {Reasons(failures)} |");
        }
        report.AppendLine();
        report.AppendLine("| process | resident after 1 min | at the end | highest after 1 min | end ÷ 1 min |");
        report.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (name, samples) in memory)
        {
            var first = samples.SkipWhile(s => s.At < TimeSpan.FromMinutes(1)).FirstOrDefault(samples[^1]).Bytes;
            var highest = samples.Where(s => s.At >= TimeSpan.FromMinutes(1)).Select(s => s.Bytes).DefaultIfEmpty(first).Max();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {Mib(first)} | {Mib(samples[^1].Bytes)} | {Mib(highest)} | {samples[^1].Bytes / (double)first:0.00} |");
        }
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"After the load stopped, its streams closed and its sessions ended ({settled.Elapsed.TotalSeconds:0.#} s later): `pandamcp_sessions_active` {sessionsActive} (silos), `pandamcp_streams_open` {streamsOpen} (gateways).");
        report.AppendLine();
        report.AppendLine($"Command: `{options.CommandLine}`");
        return report.ToString();
    }

    private static async Task<List<(string Name, List<(TimeSpan At, long Bytes)> Samples)>> SampleMemoryAsync(
        IReadOnlyList<ChildProcess> processes, TimeSpan duration, CancellationToken cancellationToken)
    {
        var samples = processes.Select(p => (p.Name, Samples: new List<(TimeSpan, long)>())).ToList();
        for (var at = TimeSpan.Zero; at <= duration; at += MemorySample)
        {
            foreach (var (process, (_, list)) in processes.Zip(samples))
            {
                list.Add((at, process.ResidentBytes()));
            }
            if (at < duration)
            {
                await Task.Delay(MemorySample, cancellationToken);
            }
        }
        return samples;
    }

    /// <summary>The sum of a gauge's series over the processes' Prometheus endpoints, or why there is none.</summary>
    private static async Task<string> GaugeAsync(HttpClient http, IEnumerable<Uri> processes, string gauge, CancellationToken cancellationToken)
    {
        var values = new List<double>();
        foreach (var process in processes)
        {
            var text = await http.GetStringAsync(new Uri(process, "/metrics"), cancellationToken);
            values.AddRange(text.Split('\n')
                .Where(line => line.StartsWith(gauge, StringComparison.Ordinal) && line.Length > gauge.Length && line[gauge.Length] is ' ' or '{')
                .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)));
        }
        return values.Count == 0 ? "no series (never counted by these processes)" : values.Sum().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Each distinct reason once, with its count and generation, the most frequent first.</summary>
    private static string Reasons(IReadOnlyList<SoakFailure> failures) => failures.Count == 0 ? "" : string.Join("; ",
        failures.GroupBy(f => (f.Generation, Reason: Shorten(f.Reason)))
            .OrderByDescending(g => g.Count())
            .Take(4)
            .Select(g => $"{g.Count()} × {g.Key.Generation}, started at {g.Min(f => f.Started):mm\\:ss}, after {g.Max(f => f.Took).TotalSeconds:0.#} s: {g.Key.Reason}"))
        .Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>The reason without the request id, so that the same failure of several calls counts once, cut to a line.</summary>
    private static string Shorten(string reason)
    {
        var general = System.Text.RegularExpressions.Regex.Replace(reason, "\"id\":\\d+,", "");
        return general.Length <= 160 ? general : general[..160] + "…";
    }

    private static string Mib(long bytes) => $"{bytes / 1048576.0:0} MiB";
}
