using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Gateway.Identity;

/// <summary>
/// How the gateway checks the ID tokens callers send before it trusts who they are. By default each VO's issuer and
/// audience come from PanDA's own auth configuration (<c>{PanDA}/auth/{vo}_auth_config.json</c>, as PanDA's clients
/// read it); <see cref="Vos"/> sets them for deployments that cannot reach it.
/// </summary>
public sealed class IdentityOptions : IValidatableObject
{
    public const string SectionName = "PandaMcp:Identity";

    /// <summary>Per VO (<c>PandaMcp:Identity:Vos:atlas:OidcConfigUrl</c>, <c>...:Audience</c>): the issuer's discovery document and the audience.</summary>
    public Dictionary<string, VoIssuerOptions> Vos { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How often the auth configuration, the discovery document and the keys are read again (5 minutes at least).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The least time between two reads of the keys caused by tokens signed with a key not seen yet (a rotation).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far the clocks of the issuer and the gateway may differ for expiry and not-before.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (vo, issuer) in Vos)
        {
            if (!Uri.TryCreate(issuer.OidcConfigUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            {
                yield return new ValidationResult($"{SectionName}:Vos:{vo}:OidcConfigUrl must be the http(s) URL of the issuer's discovery document.");
            }
            if (string.IsNullOrWhiteSpace(issuer.Audience))
            {
                yield return new ValidationResult($"{SectionName}:Vos:{vo}:Audience must name the audience PanDA expects in the VO's tokens.");
            }
        }
    }
}
