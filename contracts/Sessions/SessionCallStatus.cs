namespace PandaMcp.Contracts.Sessions;

/// <summary>See <see cref="SessionCallOutcome"/>.</summary>
[GenerateSerializer, Alias("panda.SessionCallStatus")]
public enum SessionCallStatus
{
    NotFound = 0,
    Answered = 1,
    Streaming = 2,
}
