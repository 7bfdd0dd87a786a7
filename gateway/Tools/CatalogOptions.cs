namespace PandaMcp.Gateway.Tools;

/// <summary>Which catalog the gateway loads and which of its endpoints become tools.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "PandaMcp:Catalog";

    /// <summary>A file in the format of PanDA's <c>panda_mcp_endpoints.json</c>; empty for PanDA's shipped list.</summary>
    public string? EndpointListFile { get; set; }

    /// <summary>A folder of module files that replaces the built-in catalog; empty for the built-in one.</summary>
    public string? CatalogDirectory { get; set; }
}
