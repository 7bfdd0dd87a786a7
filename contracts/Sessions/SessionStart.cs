namespace PandaMcp.Contracts.Sessions;

/// <summary>A new session: who it belongs to, its transport, and the client's initialize parameters (none for legacy SSE).</summary>
[GenerateSerializer, Immutable, Alias("panda.SessionStart")]
public sealed record SessionStart(
    [property: Id(0)] SessionCaller Owner,
    [property: Id(1)] string InitializeParamsJson,
    [property: Id(2)] string ProtocolVersion);
