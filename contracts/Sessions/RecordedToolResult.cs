namespace PandaMcp.Contracts.Sessions;

/// <summary>PanDA's answer to a session's tool call, kept until a gateway delivers it as the call's response.</summary>
[GenerateSerializer, Immutable, Alias("panda.RecordedToolResult")]
public sealed record RecordedToolResult(
    [property: Id(0)] string RequestIdJson,
    [property: Id(1)] string ToolName,
    [property: Id(2)] PandaReply Reply);
