namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// PanDA's answer to a session's tool call, and the sequence of the event the grain keeps it under in the
/// POST's stream (0 when it keeps none: the session ended meanwhile, or the stream already had its answer).
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.SessionToolReply")]
public sealed record SessionToolReply(
    [property: Id(0)] PandaReply Reply,
    [property: Id(1)] long Sequence);
