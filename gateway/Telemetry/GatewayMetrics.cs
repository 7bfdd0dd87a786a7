using System.Diagnostics;
using System.Diagnostics.Metrics;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Gateway.Telemetry;

/// <summary>
/// The gateway's instruments (meter and activity source <c>PandaMcp.Gateway</c>). Tags are tool names, outcome
/// words and fixed names only: never an argument, a session id or a credential.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "PandaMcp.Gateway";

    /// <summary>The <c>transport</c> tag of a 2024-11-05 HTTP+SSE stream.</summary>
    public const string LegacySseTransport = "sse";

    /// <summary>The <c>transport</c> tag of a Streamable HTTP GET stream.</summary>
    public const string StreamableHttpTransport = "streamable-http";

    /// <summary>The <c>policy</c> tag of a call refused by the per-caller rate limit.</summary>
    public const string CallRatePolicy = "calls_per_caller";

    /// <summary>The <c>policy</c> tag of a stream refused by the per-caller limit of open streams.</summary>
    public const string StreamLimitPolicy = "streams_per_caller";

    /// <summary>The <c>policy</c> tag of an initialize refused by the limit of sessions per identity.</summary>
    public const string SessionLimitPolicy = "sessions_per_identity";

    internal static readonly ActivitySource Tracing = new(MeterName);

    private readonly TimeProvider _time;
    private readonly Counter<long> _toolCalls;
    private readonly Histogram<double> _toolDuration;
    private readonly UpDownCounter<long> _openStreams;
    private readonly Counter<long> _rateLimitRejections;

    public GatewayMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _toolCalls = meter.CreateCounter<long>(
            "pandamcp.tool.calls", unit: "{call}", description: "Tool calls, by tool and outcome.");
        _toolDuration = meter.CreateHistogram(
            "pandamcp.tool.duration",
            unit: "s",
            description: "Time from a tool call's arrival to its result, by tool and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TelemetryBuckets.Seconds });
        _openStreams = meter.CreateUpDownCounter<long>(
            "pandamcp.streams.open", unit: "{stream}", description: "Server-sent event streams open on this gateway, by transport.");
        _rateLimitRejections = meter.CreateCounter<long>(
            "pandamcp.rate_limit.rejections", unit: "{request}", description: "Requests refused by a rate limit, by policy.");
    }

    /// <summary>Starts timing (and tracing) one tool call; complete it with its outcome, or dispose it to count it cancelled.</summary>
    public ToolCallMeasurement StartToolCall(string tool) =>
        new(this, tool, _time.GetTimestamp(), Tracing.HasListeners() ? Tracing.StartActivity($"tools/call {tool}") : null);

    internal void RecordToolCall(string tool, string outcome, long startTimestamp)
    {
        var tags = new TagList { { "mcp.tool.name", tool }, { "outcome", outcome } };
        _toolCalls.Add(1, tags);
        _toolDuration.Record(_time.GetElapsedTime(startTimestamp).TotalSeconds, tags);
    }

    /// <param name="transport"><see cref="LegacySseTransport"/> or <see cref="StreamableHttpTransport"/>.</param>
    public void StreamOpened(string transport) => _openStreams.Add(1, new KeyValuePair<string, object?>("transport", transport));

    public void StreamClosed(string transport) => _openStreams.Add(-1, new KeyValuePair<string, object?>("transport", transport));

    /// <param name="policy"><see cref="CallRatePolicy"/>, <see cref="StreamLimitPolicy"/> or <see cref="SessionLimitPolicy"/>.</param>
    public void RateLimitRejected(string policy) => _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy));
}
