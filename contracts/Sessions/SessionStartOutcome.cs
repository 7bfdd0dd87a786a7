namespace PandaMcp.Contracts.Sessions;

/// <summary>What became of a request to start a session.</summary>
[GenerateSerializer, Alias("panda.SessionStartOutcome")]
public enum SessionStartOutcome
{
    Started = 0,

    /// <summary>A session with this id exists already (ids are random: a client reused one).</summary>
    Exists = 1,

    /// <summary>The identity holds as many sessions as it may.</summary>
    LimitReached = 2,
}
