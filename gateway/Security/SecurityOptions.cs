using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Gateway.Security;

/// <summary>What the gateway accepts before any work: the <c>Origin</c> values, and how often one caller may call.</summary>
public sealed class SecurityOptions : IValidatableObject
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

    /// <summary>Tool calls (<c>tools/call</c>, the requests that reach PanDA) one caller may make per second on average; 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int CallsPerSecond { get; set; } = 20;

    /// <summary>How many calls one caller may make at once above the average, after a quiet spell.</summary>
    [Range(1, 1_000_000)]
    public int CallBurst { get; set; } = 60;

    /// <summary>SSE streams (GET on /mcp or /sse) one caller may hold open at once on this gateway; 0 turns the limit off.</summary>
    [Range(0, 100_000)]
    public int MaxStreamsPerCaller { get; set; } = 100;

    /// <summary>
    /// Reverse proxies whose <c>X-Forwarded-For</c> names the caller's address, <c>;</c>-separated addresses or
    /// networks (<c>10.0.0.0/8</c>); empty: the header is ignored and a caller is the address it connects from.
    /// </summary>
    public string TrustedProxies { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string? problem = null;
        try
        {
            Security.TrustedProxies.Parse(TrustedProxies);
        }
        catch (FormatException e)
        {
            problem = e.Message;
        }
        if (problem is not null)
        {
            yield return new ValidationResult($"{SectionName}:{nameof(TrustedProxies)}: {problem}", [nameof(TrustedProxies)]);
        }
    }
}
