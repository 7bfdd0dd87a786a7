namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// Events read from a stream. <see cref="Ended"/>: the stream has no more to give (its writer completed it,
/// its final response was sent, or the session is gone).
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.SessionEventBatch")]
public sealed record SessionEventBatch(
    [property: Id(0)] IReadOnlyList<SessionEvent> Events,
    [property: Id(1)] bool Ended);
