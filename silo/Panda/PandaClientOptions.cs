using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Silo.Panda;

/// <summary>Where PanDA is and how long one call may take.</summary>
public sealed class PandaClientOptions
{
    public const string SectionName = "PandaMcp:Panda";

    /// <summary>PanDA's own client reads the API URL from this variable; so do we, before our own key.</summary>
    public const string BaseUrlVariable = "PANDA_API_URL_SSL";
    public const string DefaultBaseUrl = "https://pandaserver.cern.ch:25443/api/v1";

    /// <summary>The API v1 base, such as <c>https://pandaserver.cern.ch:25443/api/v1</c>.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>How long one REST call may take before it fails with a timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The largest answer body read from PanDA; larger ones fail rather than fill memory.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxResponseBytes { get; set; } = 64 * 1024 * 1024;
}
