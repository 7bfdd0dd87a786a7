using System.Diagnostics;

namespace PandaMcp.Gateway.Telemetry;

/// <summary>
/// One tool call being measured: <see cref="Complete{T}"/> records it with its outcome and hands the result back;
/// a call that ends otherwise (the client cancelled, an exception) is recorded as cancelled on dispose.
/// </summary>
public sealed class ToolCallMeasurement(GatewayMetrics metrics, string tool, long startTimestamp, Activity? activity) : IDisposable
{
    private bool _recorded;

    public T Complete<T>(string outcome, T result)
    {
        Record(outcome);
        return result;
    }

    public void Dispose()
    {
        Record(ToolCallOutcome.Cancelled);
        activity?.Dispose();
    }

    private void Record(string outcome)
    {
        if (_recorded)
        {
            return;
        }
        _recorded = true;
        metrics.RecordToolCall(tool, outcome, startTimestamp);
        activity?.SetTag("mcp.tool.name", tool).SetTag("outcome", outcome);
        if (outcome != ToolCallOutcome.Ok)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
        }
    }
}
