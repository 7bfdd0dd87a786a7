using Microsoft.Extensions.Options;
using PandaMcp.Catalog;
using PandaMcp.Gateway;

try
{
    await GatewayApp.Create(args).RunAsync();
    return 0;
}
catch (Exception e) when (e is EndpointListException or OptionsValidationException or FileNotFoundException)
{
    // A configuration mistake: say what it is, without a stack trace, and stop.
    await Console.Error.WriteLineAsync($"PandaMcp gateway did not start: {e.Message}");
    return 1;
}
