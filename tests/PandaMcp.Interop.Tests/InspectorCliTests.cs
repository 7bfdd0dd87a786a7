using PandaEmulator;
using PandaMcp.Testing;

namespace PandaMcp.Interop.Tests;

/// <summary>The MCP Inspector's CLI (@modelcontextprotocol/inspector --cli), which prints each answer as JSON.</summary>
[Collection(InteropCollection.Name)]
public sealed class InspectorCliTests(DefaultsGatewayFixture gateway) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    // The Inspector keeps a catalog and state under $HOME/.mcp-inspector: give it a home of its own.
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("pandamcp-inspector-");

    [Fact]
    public async Task ToolsList_ShowsEveryTool_WithNoSchemaPortabilityError()
    {
        // --strict reports schema portability problems and exits 6 when one is an error (warnings only inform).
        var run = await InspectorAsync("--method", "tools/list", "--strict");

        var tools = run.Json().GetProperty("tools").EnumerateArray().ToList();
        Assert.Equal(59, tools.Count);
        var getStatus = tools.Single(t => t.GetProperty("name").GetString() == "task_get_status");
        Assert.Equal("object", getStatus.GetProperty("inputSchema").GetProperty("type").GetString());
        Assert.True(getStatus.GetProperty("annotations").GetProperty("readOnlyHint").GetBoolean());
    }

    [Fact]
    public async Task ToolsCall_SendsTheCallersHeadersAndPrintsTheResult()
    {
        var token = TokenIssuer.Mint(Seed.Alice);
        await gateway.ClearEmulatorRequestsAsync();

        var run = await InspectorAsync(
            "--method", "tools/call", "--tool-name", "task_get_status", "--tool-arg", $"task_id={Seed.RunningTaskOfAlice}",
            "--header", $"Authorization: Bearer {token}", "--header", $"Origin: {Seed.Vo}");

        var result = run.Json();
        // Success also shows the CLI typed task_id from the tool's schema: the gateway refuses a string for an integer.
        Assert.False(result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), run.ToString());
        var envelope = result.GetProperty("structuredContent");
        Assert.True(envelope.GetProperty("success").GetBoolean());
        Assert.Equal("running", envelope.GetProperty("data").GetString());
        var seen = Assert.Single(await gateway.EmulatorRequestsAsync(), r => r.Route == "task/get_status");
        Assert.Equal($"Bearer {token}", seen.Header("Authorization"));
        Assert.Equal(Seed.Vo, seen.Header("Origin"));
    }

    private Task<NodeRun> InspectorAsync(params string[] arguments) => NodeTools.RunAsync(
        [NodeTools.InspectorCli, "--cli", gateway.McpUrl.ToString(), "--transport", "http", .. arguments],
        Timeout,
        new Dictionary<string, string> { ["HOME"] = _home.FullName, ["USERPROFILE"] = _home.FullName });

    public void Dispose() => _home.Delete(recursive: true);
}
