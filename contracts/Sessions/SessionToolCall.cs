namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// A tool call of a session: the REST call, and what its answer needs when the session's stream carries it:
/// the JSON-RPC request id and the client's progress token, as JSON, and the tool's name.
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.SessionToolCall")]
public sealed record SessionToolCall(
    [property: Id(0)] string RequestIdJson,
    [property: Id(1)] string ToolName,
    [property: Id(2)] PandaCall Call,
    [property: Id(3)] string? ProgressTokenJson = null)
{
    public override string ToString() => $"SessionToolCall {{ {ToolName} }}";
}
