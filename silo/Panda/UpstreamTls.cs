using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using PandaMcp.Contracts;

namespace PandaMcp.Silo.Panda;

/// <summary>How the connection to PanDA checks PanDA's certificate: the system's CAs, a CA folder and/or a CA bundle file, or not at all.</summary>
public static partial class UpstreamTls
{
    public static SslClientAuthenticationOptions ClientOptions(PandaClientOptions options, ILogger logger)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (!options.VerifyHost)
        {
            LogVerificationOff(logger);
            ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (options.CaDirectory is { Length: > 0 } || options.CaBundleFile is { Length: > 0 })
        {
            var authorities = ConfiguredAuthorities(options);
            LogCustomTrust(logger, authorities.Count, options.CaDirectory, options.CaBundleFile);
            ssl.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            ssl.CertificateChainPolicy.CustomTrustStore.AddRange(authorities);
        }
        return ssl;
    }

    /// <summary>The CAs of the CA folder (<c>X509_CERT_DIR</c>) and the CA bundle file, if configured; empty otherwise.</summary>
    public static X509Certificate2Collection ConfiguredAuthorities(PandaClientOptions options)
    {
        var authorities = new X509Certificate2Collection();
        if (options.CaDirectory is { Length: > 0 } directory)
        {
            authorities.AddRange(LoadAuthorities(directory));
        }
        if (options.CaBundleFile is { Length: > 0 } bundle)
        {
            authorities.ImportFromPemFile(bundle);
        }
        return authorities;
    }

    /// <summary>Every PEM certificate in the folder (grid CA folders hold *.pem and hashed *.0 files).</summary>
    private static X509Certificate2Collection LoadAuthorities(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The CA folder {directory} (X509_CERT_DIR) does not exist.");
        }
        var authorities = new X509Certificate2Collection();
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var text = File.ReadAllText(file);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                authorities.ImportFromPem(text);
            }
        }
        return authorities;
    }

    [LoggerMessage(EventId = LogEvents.PandaTlsUnverified, Level = LogLevel.Warning, Message = "PANDA_VERIFY_HOST is off: PanDA's TLS certificate is not checked, so the connection to PanDA can be intercepted")]
    private static partial void LogVerificationOff(ILogger logger);

    [LoggerMessage(EventId = LogEvents.PandaCustomTrust, Level = LogLevel.Information, Message = "PanDA's certificate is checked against {Count} CA certificates (folder {Directory}, bundle {Bundle})")]
    private static partial void LogCustomTrust(ILogger logger, int count, string? directory, string? bundle);
}
