using PandaMcp.Clients;
using PandaMcp.TestClient;

var parse = TestClientCommand.Create(new TestClientRun(Console.Out, Console.Error).RunAsync).Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        await Console.Error.WriteLineAsync($"{TestClientRun.Name}: {OneLine.Of(error.Message)}");
    }
    return ExitCodes.UsageOrConnection;
}
return await parse.InvokeAsync();
