using PandaMcp.Clients;
using PandaMcp.StdioBridge;

var parse = BridgeCommand.Create(BridgeApp.RunAsync, BridgeLogin.RunAsync).Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync($"{BridgeIdentity.Name}: {OneLine.Of(error.Message)}");
    }
    return BridgeApp.ExitUsage;
}
return await parse.InvokeAsync();
