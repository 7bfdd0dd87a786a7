
namespace PandaEmulator.Hosting;

/// <summary>The emulator's settings (configuration section <c>Emulator</c>, or the command-line flags of <see cref="CommandLineSwitches"/>).</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>The issuer tokens must name.</summary>
    public string Issuer { get; set; } = TokenIssuer.DefaultIssuer;

    /// <summary>The audience the emulator's auth configuration (<c>/auth/&lt;vo&gt;_auth_config.json</c>) names.</summary>
    public string Audience { get; set; } = TokenIssuer.DefaultAudience;

    /// <summary>The lifetime of the ID tokens the identity provider grants (device flow, refresh).</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>The seconds a device-flow client is told to wait between polls.</summary>
    public int DevicePollIntervalSeconds { get; set; } = 5;

    /// <summary>When set, a device-flow request approves itself this many seconds after it was made; otherwise opening its verification URL does.</summary>
    public int? DeviceApproveAfterSeconds { get; set; }

    /// <summary>The VOs PanDA knows (its <c>auth_policies</c>), comma-separated.</summary>
    public string Vos { get; set; } = "atlas";

    /// <summary>How many received requests <c>GET /_emulator/requests</c> keeps (the oldest go first).</summary>
    public int RecordLimit { get; set; } = 10_000;

    /// <summary>The faults in force at start-up; <c>POST /_emulator/faults</c> replaces them.</summary>
    public FaultOptions Faults { get; set; } = new();

    public IReadOnlySet<string> KnownVos =>
        Vos.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
