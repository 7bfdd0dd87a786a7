using System.Text.Json;
using ModelContextProtocol.Client;
using PandaEmulator;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Silo.Hosting;

namespace PandaMcp.Operations.Tests;

/// <summary>
/// The gateway run as a process with JSON console logs: one JSON object per line, the start-up summary, and the
/// session and tool of a call in the scope of what it logs; never the caller's credentials.
/// </summary>
public sealed class JsonLogTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private RunningEmulator _emulator = null!;
    private ClusterProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorApp.StartAsync();
        _gateway = ClusterProcess.Start("gateway", "PandaMcp.Gateway.dll", new Dictionary<string, string>
        {
            ["PANDA_API_URL_SSL"] = _emulator.ApiBaseUrl.ToString(),
            ["PandaMcp__Cluster__SiloPort"] = $"{FreePort.Next()}",
            ["PandaMcp__Cluster__GatewayPort"] = $"{FreePort.Next()}",
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
            // The gateway's own lines at every level: a rejected call is logged at Debug.
            ["Logging__LogLevel__PandaMcp"] = "Debug",
        });
        await _gateway.WaitForAsync(HealthEndpoints.ReadyPath, _http, Probe.Timeout);
    }

    [Fact]
    public async Task StartUp_IsSummedUpInOneJsonLine()
    {
        var summary = await WaitForEntryAsync(e => e.GetProperty("EventId").GetInt32() == LogEvents.GatewayStarted);

        var message = summary.GetProperty("Message").GetString()!;
        Assert.Contains("mode all-in-one", message);
        Assert.Contains($"PanDA {_emulator.ApiBaseUrl.ToString().TrimEnd('/')}", message);
        Assert.Contains("transport streamable-http", message);
        Assert.Contains("59 tools", message);
        Assert.Contains($"listening on {_gateway.Address.ToString().TrimEnd('/')}", message);
        Assert.Equal(59, summary.GetProperty("State").GetProperty("ToolCount").GetInt32());
    }

    [Fact]
    public async Task ToolCallLogs_NameTheSessionAndTheTool_AndNoCredential()
    {
        var token = TokenIssuer.Mint("dave");
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(_gateway.Address, "/mcp"),
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}", ["Origin"] = "atlas" },
            }),
            new McpClientOptions { ProtocolVersion = "2025-11-25" });

        // No task_id: the gateway rejects the arguments and logs it, inside the call's scopes.
        var result = await client.CallToolAsync("task_get_status");
        var rejected = await WaitForEntryAsync(e => e.GetProperty("EventId").GetInt32() == LogEvents.ToolRejected);

        Assert.True(result.IsError);
        var scopes = rejected.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("McpSession", out var id) && id.GetString() == SessionGrains.KeyOf(client.SessionId!));
        Assert.Contains(scopes, s => s.TryGetProperty("McpTool", out var tool) && tool.GetString() == "task_get_status");
        Assert.DoesNotContain(token, _gateway.Output);
    }

    /// <summary>Waits for a JSON log entry that satisfies <paramref name="match"/>; every line read must be JSON.</summary>
    private async Task<JsonElement> WaitForEntryAsync(Func<JsonElement, bool> match)
    {
        JsonElement? found = null;
        await Wait.UntilAsync(
            _ =>
            {
                found = Entries().Cast<JsonElement?>().FirstOrDefault(e => match(e!.Value));
                return Task.FromResult(found is not null);
            },
            Probe.Timeout,
            "the log entry");
        return found!.Value;
    }

    private IEnumerable<JsonElement> Entries() =>
        _gateway.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonSerializer.Deserialize<JsonElement>(line));

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _emulator.DisposeAsync();
        _http.Dispose();
    }
}
