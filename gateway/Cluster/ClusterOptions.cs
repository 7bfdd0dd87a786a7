using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Gateway.Cluster;

/// <summary>The Orleans cluster the gateway's in-process silo forms or joins.</summary>
public sealed class PandaClusterOptions
{
    public const string SectionName = "PandaMcp:Cluster";

    [Required]
    public string ServiceId { get; set; } = "panda-mcp";

    [Required]
    public string ClusterId { get; set; } = "panda-mcp-dev";

    /// <summary>Silo-to-silo port.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client-to-silo port.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;
}
