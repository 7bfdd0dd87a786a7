namespace PandaMcp.Contracts.Sessions;

/// <summary>A session as its gateway initialized it: who it belongs to and the client's initialize parameters.</summary>
[GenerateSerializer, Immutable, Alias("panda.SessionStart")]
public sealed record SessionStart(
    [property: Id(0)] string Identity,
    [property: Id(1)] string InitializeParamsJson,
    [property: Id(2)] string ProtocolVersion);
