using Microsoft.AspNetCore.Builder;
using ModelContextProtocol.Client;
using PandaEmulator;

namespace PandaMcp.Gateway.Tests;

/// <summary>An operator's PanDA configuration (panda_server.cfg and an endpoint list) runs the gateway as it is.</summary>
public sealed class PandaConfigurationTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("panda-cfg-").FullName;
    private RunningEmulator _emulator = null!;
    private WebApplication? _gateway;

    public async Task InitializeAsync() => _emulator = await EmulatorApp.StartAsync();

    [Fact]
    public async Task PandaServerCfg_WithSse_ServesTheListedToolsOnBothTransports()
    {
        var list = Write("panda_mcp_endpoints.json", """{"task": ["get_status", "kill"], "statistics": ["job_stats_by_cloud"]}""");
        var cfg = Write("panda_server.cfg", $"""
            [server]
            loggername = panda

            [mcp]
            transport = sse
            endpoint_list_file = {list}
            """);
        var url = await StartGatewayAsync("http", $"--PandaMcp:PandaServerConfigFile={cfg}");
        var token = TokenIssuer.Mint(Seed.Alice);
        var headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}", ["Origin"] = Seed.Vo };

        await using var streamable = await ConnectAsync(new Uri(url, "/mcp/"), HttpTransportMode.StreamableHttp, headers);
        await using var sse = await ConnectAsync(new Uri(url, "/sse"), HttpTransportMode.Sse, headers);

        string[] expected = ["statistics_job_stats_by_cloud", "system_is_alive", "task_get_status", "task_kill"];
        Assert.Equal(expected, (await streamable.ListToolsAsync()).Select(t => t.Name).Order());
        Assert.Equal(expected, (await sse.ListToolsAsync()).Select(t => t.Name).Order());
        var status = await sse.CallToolAsync("task_get_status", new Dictionary<string, object?> { ["task_id"] = Seed.RunningTaskOfAlice });
        Assert.NotEqual(true, status.IsError);
        Assert.Equal("running", status.StructuredContent!.Value.GetProperty("data").GetString());
    }

    [Fact]
    public async Task SslFilesInTheMcpSection_ServeHttps()
    {
        using var certificate = new TestCertificate(_folder);
        var cfg = Write("panda_server.cfg", $"""
            [mcp]
            transport = http
            ssl_certfile = {certificate.CertificateFile}
            ssl_keyfile = {certificate.KeyFile}
            """);
        var url = await StartGatewayAsync("https", $"--PandaMcp:PandaServerConfigFile={cfg}");

        using var handler = new HttpClientHandler
        {
            // Trust exactly the certificate made for this test.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Certificate.Thumbprint,
        };
        using var http = new HttpClient(handler);
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(url, "/mcp/") }, http),
            new McpClientOptions());

        Assert.Equal("https", url.Scheme);
        Assert.Equal(59, (await client.ListToolsAsync()).Count);
    }

    private async Task<Uri> StartGatewayAsync(string scheme, params string[] args)
    {
        _gateway = GatewayApp.Create(GatewayArguments.For(_emulator.ApiBaseUrl, $"{scheme}://127.0.0.1:0", args));
        await _gateway.StartAsync();
        return new Uri(_gateway.Urls.First());
    }

    private static Task<McpClient> ConnectAsync(Uri endpoint, HttpTransportMode mode, Dictionary<string, string> headers) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = mode, AdditionalHeaders = headers }),
            new McpClientOptions { ProtocolVersion = mode == HttpTransportMode.Sse ? "2024-11-05" : null });

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }
        await _emulator.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
