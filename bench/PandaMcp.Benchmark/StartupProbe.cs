using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PandaMcp.Benchmark;

/// <summary>
/// How soon a fresh gateway serves at its steady rate: the emulator and an all-in-one gateway started anew (with
/// <c>--server-env</c> in the gateway's environment, to compare runtime settings), loaded from its first request at N
/// connections with 2026-07-28 calls for <c>--startup-duration</c> seconds, the calls and the gateway's CPU counted
/// second by second.
/// </summary>
public static class StartupProbe
{
    /// <summary>A second counts as steady from when the rate, averaged over it and the next two, reaches this share of the steady rate.</summary>
    private const double SteadyShare = 0.9;

    public static async Task<string> RunAsync(BenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var binaries = ServerBinaries.FromBuild(options.ServersFrom);
        var credentials = await BenchmarkSession.CredentialsAsync(options, binaries, cancellationToken);
        var (tool, arguments, _) = BenchmarkSession.DescribeCall(options, credentials);
        var emulatorUrl = Loopback.Url(FreePort.Next());
        var gatewayUrl = Loopback.Url(FreePort.Next());
        var logLevels = options.ServerLogArguments();

        progress.WriteLine("Starting the emulator and a fresh gateway...");
        await using var emulator = ChildProcess.Start("emulator", binaries.Emulator,
            [.. logLevels, "--urls", Loopback.Authority(emulatorUrl), "--record-limit", "0"]);
        await emulator.WaitUntilServingAsync(emulatorUrl, TimeSpan.FromSeconds(90), cancellationToken);
        var started = Stopwatch.GetTimestamp();
        await using var gateway = ChildProcess.Start("gateway", binaries.Gateway,
        [
            .. logLevels,
            $"--urls={Loopback.Authority(gatewayUrl)}",
            $"--PANDA_API_URL_SSL={new Uri(emulatorUrl, "api/v1")}",
            $"--PandaMcp:Cluster:SiloPort={FreePort.Next()}",
            $"--PandaMcp:Cluster:GatewayPort={FreePort.Next()}",
            "--PandaMcp:Security:CallsPerSecond=0",
        ], options.ServerEnvironment);
        await gateway.WaitUntilServingAsync(new Uri(gatewayUrl, "health/ready"), TimeSpan.FromSeconds(90), cancellationToken, successOnly: true);
        var ready = Stopwatch.GetElapsedTime(started);

        var seconds = (int)Math.Ceiling(options.StartupDuration.TotalSeconds);
        var calls = new int[seconds];
        var cpu = new TimeSpan[seconds + 1];
        var errors = 0;
        Uri[] endpoint = [new(gatewayUrl, "mcp")];
        var callers = Enumerable.Range(0, options.Connections).Select(_ => new RawMcpCaller(endpoint, tool, arguments, credentials)).ToList();
        progress.WriteLine($"Ready after {ready.TotalSeconds:0.0} s; loading it for {seconds} s at {options.Connections} connections...");
        var first = Stopwatch.GetTimestamp();
        cpu[0] = gateway.CpuTime();
        var sampler = Task.Run(async () =>
        {
            for (var second = 1; second <= seconds; second++)
            {
                await Task.Delay(TimeSpan.FromSeconds(second) - Stopwatch.GetElapsedTime(first), cancellationToken);
                cpu[second] = gateway.CpuTime();
            }
        }, cancellationToken);
        await Task.WhenAll(callers.Select(caller => Task.Run(async () =>
        {
            while (Stopwatch.GetElapsedTime(first) is var elapsed && elapsed.TotalSeconds < seconds)
            {
                var failure = await caller.CallAsync();
                var second = (int)Stopwatch.GetElapsedTime(first).TotalSeconds;
                if (failure is not null)
                {
                    Interlocked.Increment(ref errors);
                }
                else if (second < seconds)
                {
                    Interlocked.Increment(ref calls[second]);
                }
            }
        }, cancellationToken)));
        await sampler;
        foreach (var caller in callers)
        {
            await caller.DisposeAsync();
        }
        return Report(options, ready, calls, cpu, errors);
    }

    private static string Report(BenchmarkOptions options, TimeSpan ready, int[] calls, TimeSpan[] cpu, int errors)
    {
        // The steady rate: the median second of the last third of the run.
        var steady = calls.Skip(calls.Length * 2 / 3).Order().ElementAt((calls.Length - calls.Length * 2 / 3) / 2);
        var steadyFrom = Enumerable.Range(0, calls.Length - 2).FirstOrDefault(s => calls.Skip(s).Take(3).Average() >= SteadyShare * steady, -1);
        double Micros(int from, int to) => calls.Skip(from).Take(to - from).Sum() is var n and > 0 ? (cpu[to] - cpu[from]).TotalMicroseconds / n : double.NaN;

        var text = new StringBuilder();
        var environment = options.ServerEnvironment.Count > 0
            ? ", gateway environment " + string.Join(' ', options.ServerEnvironment.Select(e => $"{e.Key}={e.Value}"))
            : "";
        var steadyAt = steadyFrom < 0 ? "not reached" : $"{steadyFrom + 1} s";
        text.AppendLine(CultureInfo.InvariantCulture,
            $"A fresh all-in-one gateway loaded from its first request: {options.Connections} connections of 2026-07-28 `{options.Tool}` calls for {calls.Length} s"
            + $"{environment}. Ready (its readiness probe) {ready.TotalSeconds:0.0} s after start.");
        text.AppendLine();
        text.AppendLine("| second | calls/s | gateway CPU µs/call |");
        text.AppendLine("|---:|---:|---:|");
        foreach (var second in Enumerable.Range(0, calls.Length).Where(s => s < 10 || s % 5 == 4))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {second + 1} | {calls[second]:N0} | {Micros(second, second + 1):0} |");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Steady rate (median second of the last third): {steady:N0} calls/s at {Micros(calls.Length * 2 / 3, calls.Length):0} µs of gateway CPU per call. "
            + $"**Time to steady state: {steadyAt}** (the first second from which three in a row average "
            + $"{SteadyShare:P0} of it). First 8 s: {Micros(0, Math.Min(8, calls.Length)):0} µs of gateway CPU per call. Errors: {errors}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{options.CommandLine}`");
        return text.ToString();
    }
}
