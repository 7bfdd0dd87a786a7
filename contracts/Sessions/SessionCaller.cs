namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// Who asks something of a session, and through which transport. A session answers as if it did not exist to any
/// other identity (the fingerprint of the caller's token, never the token) or transport.
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.SessionCaller")]
public sealed record SessionCaller(
    [property: Id(0)] string Identity,
    [property: Id(1)] SessionTransport Transport);
