using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PandaEmulator;
using PandaMcp.Gateway;

namespace PandaMcp.Security.Tests;

/// <summary>A PanDA emulator and an all-in-one gateway of its own, configured for one test class, with its log lines (Information and up) kept.</summary>
public sealed class TestGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LogCapture _logs = new();

    private TestGateway(RunningEmulator emulator, string[] args)
    {
        Emulator = emulator;
        _app = GatewayApp.Create(GatewayArguments.For(emulator.ApiBaseUrl, "http://127.0.0.1:0", args), builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Information);
            builder.Logging.AddProvider(_logs);
        });
    }

    public RunningEmulator Emulator { get; }
    public Uri McpUrl { get; private set; } = null!;
    public IServiceProvider Services => _app.Services;
    public IReadOnlyCollection<string> LogLines => _logs.Lines;
    public HttpClient Http { get; } = new();

    /// <param name="args">Gateway configuration, <c>--Key=value</c>.</param>
    public static Task<TestGateway> StartAsync(params string[] args) => StartAsync([], args);

    /// <param name="emulatorArgs">The emulator's command line.</param>
    /// <param name="args">Gateway configuration, <c>--Key=value</c>.</param>
    public static async Task<TestGateway> StartAsync(string[] emulatorArgs, string[] args)
    {
        var gateway = new TestGateway(await EmulatorApp.StartAsync(emulatorArgs), args);
        await gateway._app.StartAsync();
        gateway.McpUrl = new Uri(gateway._app.Urls.First() + "/mcp");
        return gateway;
    }

    /// <summary>A 2026-07-28 (stateless) <c>tools/call</c>, as the README's curl sends it.</summary>
    public HttpRequestMessage ToolCall(string tool, string arguments = "{}", string? token = null, string? origin = null)
    {
        var body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments
            + ",\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        var request = new HttpRequestMessage(HttpMethod.Post, McpUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", "2026-07-28");
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", tool);
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        return request;
    }

    /// <summary>Calls a tool statelessly and returns what the agent reads: whether it is an error, and its first text.</summary>
    public async Task<(bool IsError, string Text)> CallToolAsync(string tool, string arguments = "{}", string? token = null, string? origin = null)
    {
        using var request = ToolCall(tool, arguments, token, origin);
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("result");
        return (result.TryGetProperty("isError", out var isError) && isError.GetBoolean(), result.GetProperty("content")[0].GetProperty("text").GetString()!);
    }

    public async Task SetFaultsAsync(object faults)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(Emulator.Address, "/_emulator/faults"), faults);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>How many requests PanDA received on <paramref name="route"/> (<c>module/function</c>).</summary>
    public async Task<int> PandaRequestCountAsync(string route) =>
        (await Http.GetFromJsonAsync<List<RecordedRequest>>(new Uri(Emulator.Address, $"/_emulator/requests?route={route}"), GatewayFixture.JsonOptions))!.Count;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Emulator.DisposeAsync();
        Http.Dispose();
    }
}
