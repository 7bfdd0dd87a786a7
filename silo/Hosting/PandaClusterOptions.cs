using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PandaMcp.Silo.Hosting;

/// <summary>
/// The Orleans cluster a silo forms or joins, and a gateway calls: the same keys for the silo process, the
/// gateway's in-process silo and the gateway as a cluster client.
/// </summary>
public sealed class PandaClusterOptions : IValidatableObject
{
    public const string SectionName = "PandaMcp:Cluster";

    /// <summary>
    /// A StackExchange.Redis connection string. Set: clustering and grain storage use Redis, and any number of
    /// silos and gateways form one cluster. Unset: localhost clustering (one silo) and memory storage.
    /// </summary>
    public string? Redis { get; set; }

    [Required]
    public string ServiceId { get; set; } = "panda-mcp";

    [Required]
    public string ClusterId { get; set; } = "panda-mcp-dev";

    /// <summary>Silo-to-silo port.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client-to-silo port: the one a gateway connects to.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address the silo publishes for others to reach it (a pod's IP). Unset: loopback without Redis,
    /// the machine's own address (as Orleans picks it) with Redis.
    /// </summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>The silo's name in the cluster and on the dashboard (a pod's name). Unset: Orleans picks one.</summary>
    public string? SiloName { get; set; }

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>The parsed <see cref="Redis"/> connection string.</summary>
    public ConfigurationOptions RedisConfiguration() => ConfigurationOptions.Parse(Redis!);

    /// <summary>
    /// Reads and validates the section now: Orleans is configured while the host is built, before options
    /// validation on start could run.
    /// </summary>
    public static PandaClusterOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(SectionName).Get<PandaClusterOptions>() ?? new();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new OptionsValidationException(
                SectionName,
                typeof(PandaClusterOptions),
                errors.Select(e => $"{SectionName}:{string.Join(", ", e.MemberNames)}: {e.ErrorMessage}"));
        }
        return options;
    }

    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (AdvertisedIP is { Length: > 0 } ip && !IPAddress.TryParse(ip, out _))
        {
            yield return new ValidationResult($"'{ip}' is not an IP address.", [nameof(AdvertisedIP)]);
        }
        if (UsesRedis && !TryParseRedis(Redis!, out var problem))
        {
            yield return new ValidationResult($"not a Redis connection string ({problem}).", [nameof(Redis)]);
        }
    }

    private static bool TryParseRedis(string value, out string problem)
    {
        try
        {
            ConfigurationOptions.Parse(value);
            problem = "";
            return true;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
            return false;
        }
    }
}
