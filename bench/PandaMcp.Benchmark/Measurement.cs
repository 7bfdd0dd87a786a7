namespace PandaMcp.Benchmark;

/// <summary>One measured window of one target at one concurrency: its calls, their latencies and their CPU cost.</summary>
public sealed record Measurement(
    string Target,
    int Concurrency,
    int Round,
    int Calls,
    int Errors,
    string? FirstError,
    TimeSpan Window,
    TimeSpan P50,
    TimeSpan P99,
    IReadOnlyDictionary<string, TimeSpan> ServerCpuByProcess,
    TimeSpan EmulatorCpu,
    TimeSpan ClientCpu,
    RedisWriteCounts? RedisWrites = null)
{
    public double CallsPerSecond => Calls / Window.TotalSeconds;

    /// <summary>The servers' CPU time together; null when there are none.</summary>
    public TimeSpan? ServerCpu => ServerCpuByProcess.Count == 0 ? null : ServerCpuByProcess.Values.Aggregate(TimeSpan.Zero, (sum, cpu) => sum + cpu);

    public double? ServerMicrosPerCall => ServerCpu is { } cpu ? PerCall(cpu) : null;

    public double ServerMicrosPerCallOf(string process) => PerCall(ServerCpuByProcess[process]);

    public double EmulatorMicrosPerCall => PerCall(EmulatorCpu);

    public double ClientMicrosPerCall => PerCall(ClientCpu);

    public override string ToString() =>
        $"round {Round + 1}  {Target,-46} c={Concurrency,-3} {CallsPerSecond,8:N0} calls/s  p50 {P50.TotalMilliseconds,6:0.00} ms  "
        + $"p99 {P99.TotalMilliseconds,6:0.00} ms  CPU µs/call: server {ServerMicrosPerCall?.ToString("0") ?? "-"}"
        + (ServerCpuByProcess.Count > 1 ? $" ({string.Join(", ", ServerCpuByProcess.Keys.Select(p => $"{p} {ServerMicrosPerCallOf(p):0}"))})" : "")
        + ", "
        + $"emulator {EmulatorMicrosPerCall:0}, client {ClientMicrosPerCall:0}"
        + (RedisWrites is { } redis ? $"  Redis writes: {redis.PerCall(Calls):0.000}/call, {redis.PerInitialize:0.0}/initialize" : "")
        + (Errors > 0 ? $"  {Errors} errors, first: {FirstError}" : "");

    private double PerCall(TimeSpan cpu) => Calls > 0 ? cpu.TotalMicroseconds / Calls : double.NaN;
}
