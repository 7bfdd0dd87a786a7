namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// One SSE event of a session. <see cref="Sequence"/> counts the session's events, so the SSE id
/// <c>&lt;session&gt;:&lt;sequence&gt;</c> is unique within the session and names its stream through the grain.
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.SessionEvent")]
public sealed record SessionEvent(
    [property: Id(0)] long Sequence,
    [property: Id(1)] SessionEventData Data);
