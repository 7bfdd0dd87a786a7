using Microsoft.AspNetCore.Builder;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PandaEmulator;

namespace PandaMcp.Gateway.Tests;

/// <summary>The gateway checks PanDA's certificate against X509_CERT_DIR, and skips the check only when told to.</summary>
public sealed class UpstreamTlsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("panda-tls-").FullName;
    private TestCertificate _certificate = null!;
    private RunningEmulator _emulator = null!;
    private readonly List<WebApplication> _gateways = [];

    public async Task InitializeAsync()
    {
        _certificate = new TestCertificate(_folder);
        _emulator = await EmulatorApp.StartAsync(
            "--urls", "https://127.0.0.1:0",
            $"--Kestrel:Certificates:Default:Path={_certificate.CertificateFile}",
            $"--Kestrel:Certificates:Default:KeyPath={_certificate.KeyFile}");
    }

    [Fact]
    public async Task CaDirectory_TrustsPandasCertificate()
    {
        var caDirectory = Directory.CreateDirectory(Path.Combine(_folder, "certificates")).FullName;
        File.Copy(_certificate.CertificateFile, Path.Combine(caDirectory, "panda-test-ca.pem"));

        var result = await CallIsAliveAsync($"--X509_CERT_DIR={caDirectory}");

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("https", _emulator.ApiBaseUrl.Scheme);
    }

    [Fact]
    public async Task UnknownCertificate_IsRefused_WithAClearError()
    {
        var result = await CallIsAliveAsync();

        Assert.True(result.IsError);
        Assert.Contains("the TLS handshake failed", Assert.IsType<TextContentBlock>(result.Content[0]).Text);
    }

    [Fact]
    public async Task VerifyHostOff_SkipsTheCheck()
    {
        var result = await CallIsAliveAsync("--PANDA_VERIFY_HOST=off");

        Assert.NotEqual(true, result.IsError);
    }

    private async Task<CallToolResult> CallIsAliveAsync(params string[] args)
    {
        var gateway = GatewayApp.Create(GatewayArguments.For(_emulator.ApiBaseUrl, "http://127.0.0.1:0", args));
        _gateways.Add(gateway);
        await gateway.StartAsync();
        await using var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(gateway.Urls.First() + "/mcp") }));
        return await client.CallToolAsync("system_is_alive");
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.StopAsync();
            await gateway.DisposeAsync();
        }
        await _emulator.DisposeAsync();
        _certificate.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
