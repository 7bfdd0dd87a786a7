namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// What a session's stream gives its reader: first whether it opened (with the event that starts it, or that the
/// reader resumes after), or why not; then its events, until the stream or the session ends.
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.SessionStreamItem")]
public sealed record SessionStreamItem(
    [property: Id(0)] SessionStreamStatus Status,
    [property: Id(1)] SessionEvent? Event = null)
{
    public static readonly SessionStreamItem NotFound = new(SessionStreamStatus.NotFound);

    public static readonly SessionStreamItem UnknownEvent = new(SessionStreamStatus.UnknownEvent);
}
