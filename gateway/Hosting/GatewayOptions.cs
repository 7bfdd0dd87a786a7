using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Gateway.Hosting;

/// <summary>How the gateway serves MCP.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "PandaMcp:Gateway";

    /// <summary>PanDA's MCP server reads its port from this variable; so does the gateway.</summary>
    public const string PortVariable = "PANDA_SERVER_CONF_PORT_MCP";

    /// <summary>The port served when no <c>--urls</c> is given.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 25888;

    /// <summary>Request bodies above this size are answered with 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// <c>streamable-http</c> (or PanDA's <c>http</c>): Streamable HTTP at /mcp; <c>sse</c>: also the 2024-11-05
    /// HTTP+SSE transport at /sse and /messages/. Falls back to <c>transport</c> in the [mcp] section of panda_server.cfg.
    /// </summary>
    [AllowedValues("streamable-http", "http", "sse")]
    public string Transport { get; set; } = "streamable-http";

    /// <summary>PEM certificate to serve HTTPS with (falls back to [mcp] <c>ssl_certfile</c>).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="CertificateFile"/> (falls back to [mcp] <c>ssl_keyfile</c>).</summary>
    public string? KeyFile { get; set; }

    public bool ServesLegacySse => Transport == "sse";

    /// <summary>
    /// True: a silo runs inside the gateway process (all-in-one). False: the gateway is an Orleans client of the
    /// cluster's silo processes (<c>PandaMcp:Cluster</c>). Read once, when the host is built.
    /// </summary>
    public bool HostSilo { get; set; } = true;

    /// <summary>Grain keys per PanDA module: calls spread over them, and so over the silos.</summary>
    [Range(1, 1024)]
    public int ShardsPerModule { get; set; } = 16;
}
