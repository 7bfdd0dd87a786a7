namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// A tool call of a session: the REST call, and where its answer goes in the event log: the stream of the
/// POST that asked (the SDK names it after the JSON-RPC request id) and that request id, as JSON.
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.SessionToolCall")]
public sealed record SessionToolCall(
    [property: Id(0)] string StreamId,
    [property: Id(1)] string RequestIdJson,
    [property: Id(2)] string ToolName,
    [property: Id(3)] PandaCall Call)
{
    public override string ToString() => $"SessionToolCall {{ {ToolName}, stream {StreamId} }}";
}
