namespace PandaMcp.Contracts.Sessions;

/// <summary>What a gateway needs to serve a session it has not seen: the client's initialize parameters.</summary>
[GenerateSerializer, Immutable, Alias("panda.SessionView")]
public sealed record SessionView(
    [property: Id(0)] string InitializeParamsJson,
    [property: Id(1)] string ProtocolVersion,
    [property: Id(2)] string? LogLevel)
{
    /// <summary>A 2024-11-05 HTTP+SSE session (GET /sse): it has no initialize parameters to serve /mcp with.</summary>
    public bool IsLegacy => InitializeParamsJson.Length == 0;
}
