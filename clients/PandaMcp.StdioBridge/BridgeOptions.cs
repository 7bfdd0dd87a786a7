namespace PandaMcp.StdioBridge;

/// <summary>Where the bridge forwards to and whose credentials it sends; set from its command line and environment.</summary>
internal sealed class BridgeOptions
{
    /// <summary>The gateway's Streamable HTTP endpoint.</summary>
    public string Url { get; set; } = "";

    /// <summary>The file holding the ID token (raw, or get_panda_token's JSON); read again whenever it changes.</summary>
    public string TokenFile { get; set; } = "";

    /// <summary>The VO sent as <c>Origin</c>.</summary>
    public string? Vo { get; set; }

    /// <summary>A PEM file of the CAs to trust for an https gateway; null for the system's.</summary>
    public string? CaBundle { get; set; }

    /// <summary>PanDA's server, whose <c>/auth/{vo}_auth_config.json</c> names the identity provider to refresh tokens with.</summary>
    public string PandaUrl { get; set; } = "";

    /// <summary>An ID token expiring within this is refreshed before a request (PanDA's panda_mcp_proxy.py: 300 s).</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromSeconds(300);
}
