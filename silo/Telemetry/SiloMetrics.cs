using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using PandaMcp.Contracts;
using PandaMcp.Silo.PublicReads;
using Polly.CircuitBreaker;

namespace PandaMcp.Silo.Telemetry;

/// <summary>
/// The silo's instruments (meter <c>PandaMcp.Silo</c>). Tags are catalog names, status codes and fixed words only:
/// never a grain key, an argument or a credential.
/// </summary>
public sealed class SiloMetrics
{
    public const string MeterName = "PandaMcp.Silo";

    private readonly Histogram<double> _pandaRequestDuration;
    private readonly UpDownCounter<long> _activeSessions;
    private readonly Counter<long> _publicReads;
    private readonly ConcurrentDictionary<string, CircuitState> _circuits = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public SiloMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _pandaRequestDuration = meter.CreateHistogram(
            "pandamcp.panda.request.duration",
            unit: "s",
            description: "Time of one REST call to PanDA, by module, function, HTTP status (0: no answer) and failure.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TelemetryBuckets.Seconds });
        _activeSessions = meter.CreateUpDownCounter<long>(
            "pandamcp.sessions.active",
            unit: "{session}",
            description: "MCP sessions (2024-11-05 to 2025-11-25 clients) active in this silo's memory; idle ones leave it and come back when used.");
        _publicReads = meter.CreateCounter<long>(
            "pandamcp.public_reads",
            unit: "{call}",
            description: "Calls of public reads by tool and where their answer came from: panda (a REST call of their own), shared (another call's, made at the same time) or reused (an earlier call's).");
        meter.CreateObservableGauge(
            "pandamcp.panda.circuit.state",
            ObserveCircuits,
            description: "State of each circuit breaker in front of PanDA: 0 closed, 1 open, 2 half-open, 3 isolated.");
    }

    public long StartTimestamp() => _time.GetTimestamp();

    /// <summary>One REST call to PanDA: its answer's status, or the failure that left it without one.</summary>
    public void RecordPandaRequest(PandaCall call, int status, PandaFailure failure, long startTimestamp) =>
        _pandaRequestDuration.Record(
            _time.GetElapsedTime(startTimestamp).TotalSeconds,
            new TagList
            {
                { "panda.module", call.Module },
                { "panda.function", call.Function },
                { "http.response.status_code", status },
                { "panda.failure", FailureWord(failure) },
            });

    public void RecordPublicRead(PandaCall call, PublicReadAnswer answer) =>
        _publicReads.Add(1, new TagList
        {
            { "mcp.tool.name", $"{call.Module}_{call.Function}" },
            { "panda.answer", answer switch { PublicReadAnswer.Shared => "shared", PublicReadAnswer.Reused => "reused", _ => "panda" } },
        });

    /// <summary>The current state of the circuit breaker in front of <paramref name="circuit"/> (a URL without secrets).</summary>
    public void ReportCircuitState(string circuit, CircuitState state) => _circuits[circuit] = state;

    public void SessionActivated() => _activeSessions.Add(1);

    public void SessionReleased() => _activeSessions.Add(-1);

    private static string FailureWord(PandaFailure failure) => failure switch
    {
        PandaFailure.None => "none",
        PandaFailure.Timeout => "timeout",
        PandaFailure.Unreachable => "unreachable",
        _ => "other",
    };

    private IEnumerable<Measurement<int>> ObserveCircuits() =>
        _circuits.Select(c => new Measurement<int>((int)c.Value, new KeyValuePair<string, object?>("panda.circuit", c.Key)));
}
