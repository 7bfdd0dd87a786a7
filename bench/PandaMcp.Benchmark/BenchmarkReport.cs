using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace PandaMcp.Benchmark;

/// <summary>
/// The figures of a run as markdown, ready for bench/README.md: medians over the rounds, each ratio and added latency
/// taken within a round (the machine is shared, so a target is only ever compared with the bare relay and direct REST
/// of its own round).
/// </summary>
public sealed class BenchmarkReport(BenchmarkOptions options, string directTarget, string relayTarget, IReadOnlyDictionary<string, string> protocols)
{
    private readonly List<Measurement> _measurements = [];

    public void Add(Measurement measurement) => _measurements.Add(measurement);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"`{options.Tool}`, {options.Connections} connections, "
            + $"{options.Warmup.TotalSeconds:0.#} s warm-up of each target, {options.Settle.TotalSeconds:0.#} s of load before each window, "
            + $"{options.Rounds} rounds of {options.Duration.TotalSeconds:0.#} s per target "
            + $"({options.SingleDuration.TotalSeconds:0.#} s at concurrency 1), medians over the rounds.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, "
            + $".NET {Environment.Version}. Calls: {string.Join("; ", protocols.Select(p => $"{p.Key}: {p.Value}"))}.");
        text.AppendLine();
        text.AppendLine("| target | calls/s | ÷ relay | ÷ direct | p50 ms | p99 ms | server CPU µs/call | emulator CPU µs/call | load generator CPU µs/call | errors |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (target, rows) in Rows(options.Connections))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {target} | {Median(rows, m => m.CallsPerSecond):N0} | {Median(rows, m => m.CallsPerSecond / Reference(relayTarget, m).CallsPerSecond):0.00} "
                + $"| {Median(rows, m => m.CallsPerSecond / Direct(m).CallsPerSecond):0.00} "
                + $"| {Median(rows, m => m.P50.TotalMilliseconds):0.00} | {Median(rows, m => m.P99.TotalMilliseconds):0.00} "
                + $"| {Micros(rows, m => m.ServerMicrosPerCall)} | {Micros(rows, m => m.EmulatorMicrosPerCall)} "
                + $"| {Micros(rows, m => m.ClientMicrosPerCall)} | {rows.Sum(m => m.Errors)} |");
        }
        text.AppendLine();
        text.AppendLine("| concurrency 1 | calls/s | p50 ms | p99 ms | p50 added to direct, ms | server CPU µs/call | errors |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (target, rows) in Rows(1))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {target} | {Median(rows, m => m.CallsPerSecond):N0} | {Median(rows, m => m.P50.TotalMilliseconds):0.00} "
                + $"| {Median(rows, m => m.P99.TotalMilliseconds):0.00} "
                + $"| {Median(rows, m => (m.P50 - Direct(m).P50).TotalMilliseconds):+0.00;-0.00;0.00} "
                + $"| {Micros(rows, m => m.ServerMicrosPerCall)} | {rows.Sum(m => m.Errors)} |");
        }
        AppendServerBreakdown(text);
        AppendRedisWrites(text);
        text.AppendLine();
        text.AppendLine("Server CPU: user + system time over the measured window, divided by the calls, of the gateway (with its "
            + "in-process silo) or the baseline process; for the split topology, of its two silos, two gateways and Redis together. "
            + "The load generator is this benchmark's own process (the MCP or HTTP clients).");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{options.CommandLine}`");
        return text.ToString();
    }

    /// <summary>Server CPU per call of each process, for the targets served by several (medians over the rounds).</summary>
    private void AppendServerBreakdown(StringBuilder text)
    {
        foreach (var (target, rows) in Rows(options.Connections).Where(r => r.Rows[0].ServerCpuByProcess.Count > 1))
        {
            text.AppendLine();
            var processes = rows[0].ServerCpuByProcess.Keys.Select(p => $"{p} {Median(rows, m => m.ServerMicrosPerCallOf(p)):0}");
            text.AppendLine(CultureInfo.InvariantCulture, $"{target}, server CPU µs/call by process: {string.Join(", ", processes)}.");
        }
    }

    /// <summary>Redis writes of the targets that keep state in Redis, at N connections (medians over the rounds).</summary>
    private void AppendRedisWrites(StringBuilder text)
    {
        foreach (var (target, rows) in Rows(options.Connections).Where(r => r.Rows.All(m => m.RedisWrites is not null)))
        {
            var commands = rows.SelectMany(m => m.RedisWrites!.InWindow.Concat(m.RedisWrites.WhileInitializing))
                .GroupBy(c => c.Key)
                .Select(g => $"{g.Key} {g.Sum(c => c.Value):N0}");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{target}: **{Median(rows, m => m.RedisWrites!.PerCall(m.Calls)):0.000} Redis writes per tool call** in the measured windows, "
                + $"{Median(rows, m => m.RedisWrites!.PerInitialize):0.0} per session initialize (before the window). "
                + $"Write commands seen, all rounds: {string.Join(", ", commands)} (Redis counts the commands a script runs besides the script). "
                + $"Counted as writes: {string.Join(" ", RedisWrites.Commands.Order())}.");
        }
    }

    private IEnumerable<(string Target, List<Measurement> Rows)> Rows(int concurrency) =>
        _measurements.Where(m => m.Concurrency == concurrency)
            .GroupBy(m => m.Target)
            .Select(g => (g.Key, g.ToList()));

    private Measurement Direct(Measurement measurement) => Reference(directTarget, measurement);

    /// <summary>The reference target's measurement in the same round, at the same concurrency.</summary>
    private Measurement Reference(string target, Measurement measurement) =>
        _measurements.Single(m => m.Target == target && m.Concurrency == measurement.Concurrency && m.Round == measurement.Round);

    private static string Micros(List<Measurement> rows, Func<Measurement, double?> value) =>
        rows.All(m => value(m) is not null) ? Median(rows, m => value(m)!.Value).ToString("0", CultureInfo.InvariantCulture) : "–";

    private static double Median(List<Measurement> rows, Func<Measurement, double> value)
    {
        var sorted = rows.Select(value).Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
