using Microsoft.Extensions.Options;
using PandaMcp.Clients;

namespace PandaMcp.StdioBridge;

/// <summary>Stops the bridge at start for settings that could never work, instead of at the agent's first call.</summary>
internal sealed class BridgeOptionsValidator : IValidateOptions<BridgeOptions>
{
    public ValidateOptionsResult Validate(string? name, BridgeOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            failures.Add($"--url must be an absolute http or https URL, not '{options.Url}'.");
        }
        if (string.IsNullOrWhiteSpace(options.TokenFile))
        {
            failures.Add("--token-file must name a file.");
        }
        if (options.CaBundle is { } bundle)
        {
            try
            {
                CaBundle.CreateHandler(bundle).Dispose();
            }
            catch (CaBundleException e)
            {
                failures.Add($"--ca-bundle: {e.Message.TrimEnd('.')}.");
            }
        }
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
