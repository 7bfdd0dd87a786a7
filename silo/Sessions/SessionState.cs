using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Silo.Sessions;

/// <summary>
/// What is stored of a session (one small Redis hash): never a token, only the identity's fingerprint.
/// A session that does not exist, or no longer does, has no <see cref="Identity"/>.
/// </summary>
[GenerateSerializer, Alias("panda.SessionState")]
public sealed class SessionState
{
    [Id(0)] public string? Identity { get; set; }

    [Id(1)] public string InitializeParamsJson { get; set; } = "";

    [Id(2)] public string ProtocolVersion { get; set; } = "";

    [Id(3)] public string? LogLevel { get; set; }

    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    [Id(5)] public DateTimeOffset LastUsedAt { get; set; }

    [Id(6)] public SessionTransport Transport { get; set; }
}
