namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// How a session's tool call went: not served (no such session for this caller), answered (PanDA's reply came
/// within the session's answer time), or streaming (the answer will be an event of the stream that starts with
/// event <see cref="StreamStart"/>; 0 for a legacy session, whose one stream carries everything).
/// </summary>
[GenerateSerializer, Immutable, Alias("panda.SessionCallOutcome")]
public sealed record SessionCallOutcome(
    [property: Id(0)] SessionCallStatus Status,
    [property: Id(1)] PandaReply? Reply = null,
    [property: Id(2)] long StreamStart = 0)
{
    public static readonly SessionCallOutcome NotFound = new(SessionCallStatus.NotFound);

    public override string ToString() => $"SessionCallOutcome {{ {Status} }}";
}
