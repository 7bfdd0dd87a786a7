namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// What an SSE event carries: nothing (the start of a stream), a JSON-RPC message, or PanDA's answer to a tool
/// call as the session grain recorded it, which the gateway that delivers it renders as the call's response.
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.SessionEventData")]
public sealed record SessionEventData(
    [property: Id(0)] string? MessageJson,
    [property: Id(1)] RecordedToolResult? ToolResult = null)
{
    public static readonly SessionEventData StreamStart = new(MessageJson: null);

    public override string ToString() => $"SessionEventData {{ {(MessageJson is null ? ToolResult is null ? "stream start" : "tool result" : "message")} }}";
}
