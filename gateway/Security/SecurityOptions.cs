using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Gateway.Security;

/// <summary>What the gateway accepts before any work: the <c>Origin</c> values, and how often one caller may call.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "PandaMcp:Security";

    /// <summary>
    /// The VOs an <c>Origin</c> may name, <c>;</c>-separated; each is accepted as <c>vo</c>, <c>vo:role</c> and
    /// <c>vo.role</c>, the forms PanDA reads. A string, like <c>AllowedHosts</c>, so that configuration replaces
    /// the default instead of adding to it.
    /// </summary>
    [Required]
    public string AllowedVos { get; set; } = "atlas";

    /// <summary>Web origins (<c>https://bigpanda.example.org</c>) whose pages may call the gateway, <c>;</c>-separated.</summary>
    public string AllowedOrigins { get; set; } = "";

    /// <summary>Accept web origins on a loopback name (<c>http://localhost:3000</c>): pages of this machine, as MCP's local clients use.</summary>
    public bool AllowLoopbackOrigins { get; set; } = true;

    /// <summary>MCP requests (POST) one caller may make per second on average; 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int CallsPerSecond { get; set; } = 20;

    /// <summary>How many calls one caller may make at once above the average, after a quiet spell.</summary>
    [Range(1, 1_000_000)]
    public int CallBurst { get; set; } = 60;

    /// <summary>SSE streams (GET on /mcp or /sse) one caller may hold open at once on this gateway; 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int MaxStreamsPerCaller { get; set; } = 100;
}
