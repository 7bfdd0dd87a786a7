using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PandaMcp.Gateway.Tests;

/// <summary>A self-signed certificate for 127.0.0.1 made for one test, with its PEM files in a folder.</summary>
internal sealed class TestCertificate : IDisposable
{
    public TestCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, false, 0, critical: true));
        Certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        CertificateFile = Path.Combine(folder, "hostcert.pem");
        KeyFile = Path.Combine(folder, "hostkey.pem");
        File.WriteAllText(CertificateFile, Certificate.ExportCertificatePem());
        File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem());
    }

    public X509Certificate2 Certificate { get; }
    public string CertificateFile { get; }
    public string KeyFile { get; }

    public void Dispose() => Certificate.Dispose();
}
