using Microsoft.Extensions.Options;

namespace PandaEmulator.Hosting;

/// <summary>Fails start-up on settings the emulator cannot work with, naming each one.</summary>
internal sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        var errors = new List<string>();
        if (options.KnownVos.Count == 0)
        {
            errors.Add("Emulator:Vos (--vos) must name at least one VO.");
        }
        if (options.TokenLifetimeSeconds < 1 || options.DevicePollIntervalSeconds < 1 || options.DeviceApproveAfterSeconds < 0)
        {
            errors.Add("Emulator:TokenLifetimeSeconds (--token-lifetime) and DevicePollIntervalSeconds (--device-poll-interval) must be at least 1, DeviceApproveAfterSeconds (--device-approve-after) not negative.");
        }
        if (options.RecordLimit < 0)
        {
            errors.Add("Emulator:RecordLimit (--record-limit) must not be negative.");
        }
        var faults = options.Faults;
        if (faults.DelayMs < 0 || faults.DelayJitterMs < 0)
        {
            errors.Add("Fault delays (--delay-ms, --delay-jitter-ms) must not be negative.");
        }
        if (faults.ErrorRate is < 0 or > 1 || faults.CloseRate is < 0 or > 1)
        {
            errors.Add("Fault rates (--error-rate, --close-rate) must be between 0 and 1.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
