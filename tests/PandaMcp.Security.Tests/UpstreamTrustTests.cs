using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using PandaMcp.Gateway;

namespace PandaMcp.Security.Tests;

/// <summary>
/// PanDA's certificate, from a CA made for the test: trusted through a CA bundle file, refused otherwise, and
/// not checked with PANDA_VERIFY_HOST=off, which the log warns about.
/// </summary>
public sealed class UpstreamTrustTests : IDisposable
{
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly string _folder = Directory.CreateTempSubdirectory("panda-trust-").FullName;

    [Fact]
    public async Task CaBundleFile_TrustsPandasCertificate()
    {
        var bundle = Path.Combine(_folder, "ca-bundle.pem");
        _certificates.WriteAuthorityPem(bundle);
        await using var gateway = await StartBehindHttpsAsync($"--PandaMcp:Panda:CaBundleFile={bundle}");

        var result = await gateway.CallToolAsync("system_is_alive");

        Assert.False(result.IsError, result.Text);
        Assert.Contains(gateway.LogLines, line => line.Contains($"bundle {bundle}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutTheCa_PandasCertificateIsRefused()
    {
        await using var gateway = await StartBehindHttpsAsync();

        var result = await gateway.CallToolAsync("system_is_alive");

        Assert.True(result.IsError);
        Assert.Contains("the TLS handshake failed", result.Text);
    }

    [Fact]
    public async Task VerifyHostOff_SkipsTheCheck_WithAWarningInTheLog()
    {
        await using var gateway = await StartBehindHttpsAsync("--PANDA_VERIFY_HOST=off");

        var result = await gateway.CallToolAsync("system_is_alive");

        Assert.False(result.IsError, result.Text);
        Assert.Contains(gateway.LogLines, line => line.StartsWith("Warning", StringComparison.Ordinal)
            && line.Contains("PANDA_VERIFY_HOST is off: PanDA's TLS certificate is not checked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingCaBundle_StopsStartUp_NamingTheFile()
    {
        var missing = Path.Combine(_folder, "no-such-bundle.pem");
        var arguments = GatewayArguments.For(new Uri("https://127.0.0.1:1/api/v1"), "http://127.0.0.1:0", $"--PandaMcp:Panda:CaBundleFile={missing}");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var gateway = GatewayApp.Create(arguments);
            await gateway.StartAsync();
        });

        Assert.Contains($"The CA bundle {missing}", error.Message);
    }

    private async Task<TestGateway> StartBehindHttpsAsync(params string[] args)
    {
        var certificate = Path.Combine(_folder, "panda.pem");
        var key = Path.Combine(_folder, "panda.key");
        await File.WriteAllTextAsync(certificate, _certificates.Server.ExportCertificatePem());
        await File.WriteAllTextAsync(key, _certificates.Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return await TestGateway.StartAsync(
            ["--urls", "https://127.0.0.1:0", $"--Kestrel:Certificates:Default:Path={certificate}", $"--Kestrel:Certificates:Default:KeyPath={key}"],
            args);
    }

    public void Dispose()
    {
        _certificates.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
