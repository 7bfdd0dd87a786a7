using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PandaMcp.Clients;

namespace PandaMcp.StdioBridge;

/// <summary>Runs the bridge until the agent closes stdin or the process is stopped.</summary>
internal static class BridgeApp
{
    public const int ExitSuccess = 0;
    public const int ExitUsage = 2;

    public static async Task<int> RunAsync(BridgeOptions options, CancellationToken cancellationToken)
    {
        // No default configuration sources or logging providers: the command line is the configuration and stdout is the protocol.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.AddPandaBridge(options);
        using var host = builder.Build();
        try
        {
            // Validated here, before the host starts, so that a bad setting is one line on stderr and not a host failure.
            _ = host.Services.GetRequiredService<IOptions<BridgeOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"{BridgeIdentity.Name}: {OneLine.Of(string.Join(" ", e.Failures))}");
            return ExitUsage;
        }
        await host.StartAsync(cancellationToken);
        // Say at once whether there is a usable token, not only at the agent's first call.
        host.Services.GetRequiredService<IdTokenFile>().Current();
        await host.WaitForShutdownAsync(cancellationToken);
        return ExitSuccess;
    }
}
