using System.Security.Cryptography;
using System.Text;

namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// Who a request comes from, as a fingerprint that can be stored and logged: a hash of its verified ID token's
/// issuer and subject (a refreshed token of the same person keeps the same fingerprint). Requests without a token
/// are "anonymous".
/// </summary>
public static class CallerIdentity
{
    public const string Anonymous = "anonymous";

    /// <summary>The identity of a token the gateway verified (<see cref="Identity.TokenVerifier"/>).</summary>
    public static string Of(string issuer, string subject) => "jwt:" + Hash($"{issuer}\n{subject}");

    /// <summary>128 bits of SHA-256, hex: enough to tell identities apart, nothing to recover a name from.</summary>
    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
}
