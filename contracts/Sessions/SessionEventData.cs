namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// What an SSE event carries: nothing (a priming event), a JSON-RPC message as the SDK wrote it, or the
/// PanDA answer to a tool call, recorded by the session grain before any gateway turned it into a message.
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.SessionEventData")]
public sealed record SessionEventData(
    [property: Id(0)] string? MessageJson,
    [property: Id(1)] TimeSpan? RetryInterval = null,
    [property: Id(2)] RecordedToolResult? ToolResult = null,
    [property: Id(3)] string? FinalForRequestIdJson = null)
{
    public static SessionEventData Priming(TimeSpan? retryInterval) => new(null, retryInterval);

    public override string ToString() => $"SessionEventData {{ {(MessageJson is null ? ToolResult is null ? "priming" : "tool result" : "message")} }}";
}
