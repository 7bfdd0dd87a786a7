using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using PandaEmulator;
using PandaMcp.Gateway;
using Xunit;

namespace PandaMcp.Testing;

/// <summary>
/// A running PanDA emulator and an all-in-one gateway (with its in-process silo) pointed at it, on real
/// loopback ports, over http and over https with a certificate of a test CA, with Streamable HTTP and the legacy
/// HTTP+SSE transport; every log line of the gateway, at every level, is captured.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    private WebApplication? _gateway;
    private readonly LogCapture _logs = new();
    private readonly TestCertificates _certificates = TestCertificates.Create();

    public RunningEmulator Emulator { get; private set; } = null!;
    public Uri McpUrl { get; private set; } = null!;

    /// <summary>The same endpoint over https; its certificate is signed by the CA in <see cref="CaBundleFile"/>.</summary>
    public Uri HttpsMcpUrl { get; private set; } = null!;

    /// <summary>A PEM file of the test CA, which no system trusts.</summary>
    public string CaBundleFile { get; } = Path.Combine(Path.GetTempPath(), $"panda-test-ca-{Guid.NewGuid():N}.pem");

    public IReadOnlyCollection<string> LogLines => _logs.Lines;

    /// <summary>The grain calls the gateway's in-process silo received.</summary>
    public GrainCallRecorder GrainCalls { get; } = new();
    public IServiceProvider Services => _gateway!.Services;
    public HttpClient Http { get; } = new();

    /// <summary>A credential in the gateway's own environment, which it must never send or log.</summary>
    public const string EnvironmentToken = "environment-token-never-to-be-used";

    /// <summary>Whether the per-caller call limit is the default one (20 tool calls a second) instead of off.</summary>
    protected virtual bool DefaultCallLimit => false;

    /// <summary>Whether public reads reuse answers for the default 15 s instead of only sharing concurrent calls.</summary>
    protected virtual bool ReusePublicReads => false;

    public async Task InitializeAsync()
    {
        // PanDA's MCP server clears these at start; the gateway must simply never read them.
        Environment.SetEnvironmentVariable("PANDA_AUTH_ID_TOKEN", EnvironmentToken);
        Environment.SetEnvironmentVariable("PANDA_AUTH_VO", "atlas");
        Environment.SetEnvironmentVariable("X509_USER_PROXY", "/tmp/" + EnvironmentToken);
        _certificates.WriteAuthorityPem(CaBundleFile);
        Emulator = await EmulatorApp.StartAsync();
        _gateway = GatewayApp.Create(
            GatewayArguments.For(
                Emulator.ApiBaseUrl,
                "http://127.0.0.1:0;https://127.0.0.1:0",
                [
                    "--PandaMcp:Gateway:MaxRequestBodyBytes=65536",
                    "--PandaMcp:Panda:Timeout=00:00:02",
                    // As PanDA's transport = sse: the legacy HTTP+SSE transport at /sse as well as Streamable HTTP at /mcp.
                    "--PandaMcp:Gateway:Transport=sse",
                    // Most test classes call tools in bursts from one address; tests/PandaMcp.Security.Tests tests the
                    // limit on gateways of its own.
                    .. DefaultCallLimit ? [] : (string[])["--PandaMcp:Security:CallsPerSecond=0"],
                    // Most test classes check what PanDA got on each call, or change its data between calls; the
                    // public-read tests reuse answers on a gateway of their own.
                    .. ReusePublicReads ? [] : (string[])["--PandaMcp:PublicReads:MaxAge=00:00:00"],
                ]),
            builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddProvider(_logs);
                builder.Services.AddSingleton<IIncomingGrainCallFilter>(GrainCalls);
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = _certificates.Server));
            });
        await _gateway.StartAsync();
        McpUrl = new Uri(_gateway.Urls.First(u => u.StartsWith("http:", StringComparison.Ordinal)) + "/mcp");
        HttpsMcpUrl = new Uri(_gateway.Urls.First(u => u.StartsWith("https:", StringComparison.Ordinal)) + "/mcp");
    }

    /// <summary>A connected MCP client; <paramref name="protocolVersion"/> null lets it negotiate the newest revision.</summary>
    public Task<McpClient> ConnectAsync(string? protocolVersion = null, IDictionary<string, string>? headers = null) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = McpUrl,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = headers,
            }),
            new McpClientOptions
            {
                ProtocolVersion = protocolVersion,
                // The client falls back to initialize (sessions) when server/discover takes over 5 s, its default; a
                // cold gateway on a loaded test machine can take that long, and the test would see the wrong revision.
                DiscoverProbeTimeout = TimeSpan.FromSeconds(30),
            });

    public async Task<IReadOnlyList<RecordedRequest>> EmulatorRequestsAsync() =>
        await Http.GetFromJsonAsync<List<RecordedRequest>>(new Uri(Emulator.Address, "/_emulator/requests"), JsonOptions) ?? [];

    public Task ClearEmulatorRequestsAsync() => Http.DeleteAsync(new Uri(Emulator.Address, "/_emulator/requests"));

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }
        await Emulator.DisposeAsync();
        Http.Dispose();
        _certificates.Dispose();
        File.Delete(CaBundleFile);
    }
}
