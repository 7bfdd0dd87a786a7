namespace PandaMcp.Gateway.Identity;

/// <summary>A VO's identity provider, set in configuration instead of read from PanDA's auth configuration.</summary>
public sealed class VoIssuerOptions
{
    /// <summary>The issuer's OIDC discovery document (<c>.../.well-known/openid-configuration</c>).</summary>
    public string OidcConfigUrl { get; set; } = "";

    /// <summary>The <c>aud</c> the VO's tokens carry for PanDA.</summary>
    public string Audience { get; set; } = "";
}
