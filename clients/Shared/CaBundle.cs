using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PandaMcp.Clients;

/// <summary>HTTP handlers that trust the system's CAs, or only the CAs of a PEM file (<c>--ca-bundle</c>).</summary>
internal static class CaBundle
{
    /// <param name="pemFile">A PEM file of CA certificates (CERN's Grid CAs, say); null for the system's trust store.</param>
    /// <exception cref="CaBundleException">The file cannot be read or holds no certificate.</exception>
    public static SocketsHttpHandler CreateHandler(string? pemFile)
    {
        var handler = new SocketsHttpHandler();
        if (pemFile is null)
        {
            return handler;
        }
        var certificates = Load(pemFile);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            // As Python's requests does with verify=<bundle> and HttpClient does by default: no revocation lookups,
            // which a private CA rarely serves.
            RevocationMode = X509RevocationMode.NoCheck,
        };
        foreach (var certificate in certificates)
        {
            // Only self-signed certificates can anchor a chain; intermediates in the bundle help build it.
            (certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData) ? policy.CustomTrustStore : policy.ExtraStore)
                .Add(certificate);
        }
        handler.SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy };
        return handler;
    }

    private static X509Certificate2Collection Load(string pemFile)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(pemFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new CaBundleException($"cannot read the CA bundle {pemFile}: {e.Message}", e);
        }
        if (certificates.Count == 0)
        {
            throw new CaBundleException($"the CA bundle {pemFile} holds no PEM certificate");
        }
        return certificates;
    }
}
