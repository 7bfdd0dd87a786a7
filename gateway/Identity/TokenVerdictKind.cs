namespace PandaMcp.Gateway.Identity;

public enum TokenVerdictKind
{
    /// <summary>The token checks out: the caller is who it says.</summary>
    Verified,

    /// <summary>The token is not one the gateway trusts (401).</summary>
    Refused,

    /// <summary>The VO's identity provider could not be read, and no keys of it are known (503).</summary>
    Unavailable,
}
