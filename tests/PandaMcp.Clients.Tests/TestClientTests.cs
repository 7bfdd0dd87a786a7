using PandaEmulator;

namespace PandaMcp.Clients.Tests;

/// <summary>The test client, run as a real process against a running gateway, as a person or a CI check would.</summary>
[Collection(ClientsCollection.Name)]
public sealed class TestClientTests(GatewayFixture gateway)
{
    [Fact]
    public async Task DefaultTool_ListsToolsAndPrintsPandasAnswer()
    {
        await gateway.ClearEmulatorRequestsAsync();

        var run = await RunAsync(OverHttp());

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
        Assert.Contains("\n- system_is_alive: ", run.Stdout);
        Assert.Contains("\n- task_get_status: Reads the current status of a single task", run.Stdout);
        // "--tool is_alive", the default, as PanDA's documentation writes it, finds system_is_alive.
        Assert.Contains("Calling system_is_alive with {}:", run.Stdout);
        Assert.Contains("\"success\": true", run.Stdout);
        Assert.Single(await gateway.EmulatorRequestsAsync(), r => r.Route == "system/is_alive");
    }

    [Fact]
    public async Task TokenAndKv_GetTheTaskStatus_WithTheCallersCredentials()
    {
        var token = TokenIssuer.Mint(Seed.Alice);
        await gateway.ClearEmulatorRequestsAsync();

        var run = await RunAsync([.. OverHttp(), "--token", token, "--vo", Seed.Vo, "--tool", "task_get_status", "--kv", $"task_id={Seed.RunningTaskOfAlice}"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Calling task_get_status with {{\"task_id\":{Seed.RunningTaskOfAlice}}}:", run.Stdout);
        Assert.Contains("\"data\": \"running\"", run.Stdout);
        var seen = Assert.Single(await gateway.EmulatorRequestsAsync(), r => r.Route == "task/get_status");
        Assert.Equal($"Bearer {token}", seen.Header("Authorization"));
        Assert.Equal(Seed.Vo, seen.Header("Origin"));
        Assert.Equal($"task_id={Seed.RunningTaskOfAlice}", seen.Query?.TrimStart('?'));
    }

    [Fact]
    public async Task SseTransport_UsesTheLegacyEndpoint_AndCallsTheTool()
    {
        var token = TokenIssuer.Mint(Seed.Alice);
        await gateway.ClearEmulatorRequestsAsync();

        var run = await RunAsync([.. OverHttp(), "--transport", "sse", "--token", token, "--vo", Seed.Vo, "--tool", "get_user_attributes"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"at http://127.0.0.1:{gateway.McpUrl.Port}/sse ", run.Stdout);
        Assert.Contains("nickname:alice", run.Stdout);
        var seen = Assert.Single(await gateway.EmulatorRequestsAsync(), r => r.Route == "system/get_user_attributes");
        Assert.Equal($"Bearer {token}", seen.Header("Authorization"));
    }

    [Fact]
    public async Task UnknownTool_ExitsWith2_AndOneLineNamingIt()
    {
        var run = await RunAsync([.. OverHttp(), "--tool", "no_such_tool"]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(Lines(run.Stderr));
        Assert.StartsWith("panda-mcp-test-client: ", line);
        Assert.Contains("'no_such_tool'", line);
    }

    [Fact]
    public async Task AmbiguousShortName_ExitsWith2_AndNamesTheCandidates()
    {
        var run = await RunAsync([.. OverHttp(), "--tool", "get_status"]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(Lines(run.Stderr));
        Assert.Contains("job_get_status, task_get_status", line);
    }

    [Fact]
    public async Task SecureToolWithoutToken_ExitsWith1_AndPrintsPandasRefusal()
    {
        var run = await RunAsync([.. OverHttp(), "--tool", "get_user_attributes"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Calling system_get_user_attributes", run.Stdout);
        Assert.Contains("SSL secure connection is required", run.Stdout);
        Assert.Contains("system_get_user_attributes returned an error", Assert.Single(Lines(run.Stderr)));
    }

    [Fact]
    public async Task NoServer_ExitsWith2_AndOneLineWithoutStackTrace()
    {
        var run = await RunAsync(["--use_http", "--host", "127.0.0.1", "--port", FreePort.Next().ToString()]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(Lines(run.Stderr));
        Assert.Contains("no MCP server answered at http://127.0.0.1:", line);
        Assert.Contains("refused", line);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("=foo")]
    public async Task KvWithoutKey_IsAUsageError(string kv)
    {
        var run = await RunAsync([.. OverHttp(), "--kv", kv]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"panda-mcp-test-client: invalid --kv value '{kv}', expected KEY=VALUE", Assert.Single(Lines(run.Stderr)));
    }

    [Fact]
    public async Task Https_WithTheCaBundle_Connects()
    {
        var run = await RunAsync(["--host", "127.0.0.1", "--port", gateway.HttpsMcpUrl.Port.ToString(), "--ca-bundle", gateway.CaBundleFile]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"at https://127.0.0.1:{gateway.HttpsMcpUrl.Port}/mcp/", run.Stdout);
    }

    [Fact]
    public async Task Https_WithoutTheCaBundle_ExitsWith2_NamingTheCertificateProblem()
    {
        var run = await RunAsync(["--host", "127.0.0.1", "--port", gateway.HttpsMcpUrl.Port.ToString()]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("certificate", Assert.Single(Lines(run.Stderr)));
    }

    [Fact]
    public async Task UseHttpFlags_TheLastOneWins()
    {
        var http = await RunAsync(["--no-use_http", "--use_http", "--host", "127.0.0.1", "--port", gateway.McpUrl.Port.ToString()]);
        var https = await RunAsync(["--use_http", "--no-use_http", "--host", "127.0.0.1", "--port", gateway.HttpsMcpUrl.Port.ToString(), "--ca-bundle", gateway.CaBundleFile]);

        Assert.Equal(0, http.ExitCode);
        Assert.Equal(0, https.ExitCode);
    }

    private string[] OverHttp() => ["--use_http", "--host", "127.0.0.1", "--port", gateway.McpUrl.Port.ToString()];

    private static Task<ProcessResult> RunAsync(string[] args) => DotnetProcess.RunAsync(ClientPrograms.TestClient, args);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
