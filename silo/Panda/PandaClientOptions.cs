using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Silo.Panda;

/// <summary>Where PanDA is and how long one call may take.</summary>
public sealed class PandaClientOptions : IValidatableObject
{
    public const string SectionName = "PandaMcp:Panda";

    /// <summary>PanDA's own client reads the API URL from this variable; so do we, before our own key.</summary>
    public const string BaseUrlVariable = "PANDA_API_URL_SSL";
    public const string DefaultBaseUrl = "https://pandaserver.cern.ch:25443/api/v1";

    public const string VerifyHostVariable = "PANDA_VERIFY_HOST";
    public const string CaDirectoryVariable = "X509_CERT_DIR";

    /// <summary>The API v1 base, such as <c>https://pandaserver.cern.ch:25443/api/v1</c>.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>How long one REST call may take before it fails with a timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>False turns off the check of PanDA's TLS certificate (PanDA's <c>PANDA_VERIFY_HOST=off</c>).</summary>
    public bool VerifyHost { get; set; } = true;

    /// <summary>
    /// A folder of CA certificates (PEM) that PanDA's certificate must chain to, instead of the system's
    /// (PanDA's <c>X509_CERT_DIR</c>, usually /etc/grid-security/certificates).
    /// </summary>
    public string? CaDirectory { get; set; }

    /// <summary>
    /// A PEM file of CA certificates that PanDA's certificate must chain to, instead of the system's (what Python
    /// clients call a CA bundle); with <see cref="CaDirectory"/>, the CAs of both are trusted.
    /// </summary>
    public string? CaBundleFile { get; set; }

    /// <summary>The largest answer body read from PanDA; larger ones fail rather than fill memory.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxResponseBytes { get; set; } = 64 * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CaBundleFile is { Length: > 0 } && !File.Exists(CaBundleFile))
        {
            yield return new ValidationResult(
                $"The CA bundle {CaBundleFile} ({SectionName}:CaBundleFile) does not exist: give the path of a PEM file of CA certificates.",
                [nameof(CaBundleFile)]);
        }
    }
}
