using Microsoft.Extensions.Options;
using PandaMcp.Silo;

try
{
    await SiloApp.Create(args).RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // A configuration mistake: say what it is, without a stack trace, and stop.
    await Console.Error.WriteLineAsync($"PandaMcp silo did not start: {e.Message}");
    return 1;
}
