namespace PandaMcp.Gateway.Identity;

/// <summary>What the check of a caller's ID token found: who the caller is, or why the token is refused, or that it could not be checked now.</summary>
public sealed record TokenVerdict(TokenVerdictKind Kind, string? Identity, string? Problem)
{
    public static TokenVerdict Verified(string identity) => new(TokenVerdictKind.Verified, identity, null);

    /// <param name="problem">One sentence an agent can act on: what is wrong, and what to do.</param>
    public static TokenVerdict Refused(string problem) => new(TokenVerdictKind.Refused, null, problem);

    public static TokenVerdict Unavailable(string problem) => new(TokenVerdictKind.Unavailable, null, problem);
}
