namespace PandaMcp.Silo.Telemetry;

/// <summary>Histogram buckets for call durations: from a few milliseconds up to PanDA's longest timeout.</summary>
public static class TelemetryBuckets
{
    public static readonly IReadOnlyList<double> Seconds =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 180];
}
