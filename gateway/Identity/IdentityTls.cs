using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Gateway.Identity;

/// <summary>
/// How the gateway trusts the servers it reads identity from (PanDA's auth configuration, the providers' discovery
/// documents and keys): the system's CAs, and also the CA folder and bundle configured for PanDA (grid CAs). Never
/// unchecked: <c>PANDA_VERIFY_HOST=off</c> does not reach here, since whoever could serve these keys could pass for
/// anyone.
/// </summary>
public static class IdentityTls
{
    public static SslClientAuthenticationOptions ClientOptions(PandaClientOptions panda)
    {
        var extra = UpstreamTls.ConfiguredAuthorities(panda);
        return new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None
                || errors == SslPolicyErrors.RemoteCertificateChainErrors && extra.Count > 0 && certificate is X509Certificate2 server && ChainsTo(server, extra),
        };
    }

    private static bool ChainsTo(X509Certificate2 server, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        return chain.Build(server);
    }
}
