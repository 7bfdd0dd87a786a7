using System.Reflection;
using PandaMcp.Gateway;
using PandaMcp.Gateway.Hosting;
using PandaMcp.Silo;
using PandaMcp.Silo.Panda;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Manifests.Tests;

/// <summary>What the silo and the gateway read from their environment: their options' keys and a few named variables.</summary>
internal static class AppConfiguration
{
    /// <summary>Variables read by name: PanDA's own, the web host's, OpenTelemetry's.</summary>
    public static readonly IReadOnlySet<string> NamedVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        PandaClientOptions.BaseUrlVariable,
        PandaClientOptions.VerifyHostVariable,
        PandaClientOptions.CaDirectoryVariable,
        GatewayOptions.PortVariable,
        TelemetryHostingExtensions.OtlpEndpointVariable,
        "ASPNETCORE_URLS",
        "AllowedHosts",
    };

    /// <summary>The framework's logging keys the manifests and the guide use (JSON console output with scopes).</summary>
    public static readonly IReadOnlySet<string> LoggingKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "Logging:Console:FormatterName",
        "Logging:Console:FormatterOptions:IncludeScopes",
    };

    /// <summary>Every <c>PandaMcp:Section:Key</c>: the settable properties of the options classes of both apps.</summary>
    public static readonly IReadOnlySet<string> OptionKeys = typeof(GatewayApp).Assembly.GetTypes()
        .Concat(typeof(SiloApp).Assembly.GetTypes())
        .Select(t => (Type: t, Section: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
        .Where(t => t.Section?.StartsWith("PandaMcp:", StringComparison.Ordinal) == true)
        .SelectMany(t => t.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod?.IsPublic == true)
            .Select(p => $"{t.Section}:{p.Name}"))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The configuration key an environment variable sets (<c>__</c> is <c>:</c>).</summary>
    public static string KeyOf(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);

    public static bool Reads(string variable) =>
        NamedVariables.Contains(variable) || OptionKeys.Contains(KeyOf(variable)) || LoggingKeys.Contains(KeyOf(variable));
}
