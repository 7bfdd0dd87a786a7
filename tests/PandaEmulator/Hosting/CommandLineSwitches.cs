namespace PandaEmulator.Hosting;

/// <summary>The emulator's command-line flags and the configuration keys they set.</summary>
internal static class CommandLineSwitches
{
    public static readonly IReadOnlyDictionary<string, string> Mappings = new Dictionary<string, string>
    {
        ["--issuer"] = "Emulator:Issuer",
        ["--vos"] = "Emulator:Vos",
        ["--token-lifetime"] = "Emulator:TokenLifetimeSeconds",
        ["--device-poll-interval"] = "Emulator:DevicePollIntervalSeconds",
        ["--device-approve-after"] = "Emulator:DeviceApproveAfterSeconds",
        ["--record-limit"] = "Emulator:RecordLimit",
        ["--delay-ms"] = "Emulator:Faults:DelayMs",
        ["--delay-jitter-ms"] = "Emulator:Faults:DelayJitterMs",
        ["--error-rate"] = "Emulator:Faults:ErrorRate",
        ["--close-rate"] = "Emulator:Faults:CloseRate",
        ["--fault-route"] = "Emulator:Faults:Routes",
    };
}
