namespace PandaMcp.Contracts.Sessions;

/// <summary>What a gateway needs to serve a session it has not seen: the client's initialize parameters.</summary>
[GenerateSerializer, Immutable, Alias("panda.SessionView")]
public sealed record SessionView(
    [property: Id(0)] string InitializeParamsJson,
    [property: Id(1)] string ProtocolVersion,
    [property: Id(2)] string? LogLevel);
