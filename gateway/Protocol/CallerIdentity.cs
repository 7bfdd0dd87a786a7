using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using PandaMcp.Contracts;

namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// Who a request comes from, as a fingerprint that can be stored and logged: a hash of the ID token's issuer and
/// subject. The token is read without being validated (PanDA validates it on every REST call) and only for these
/// two claims; a refreshed token of the same person keeps the same fingerprint. Requests without a token are
/// "anonymous"; a bearer value that is not a JWT is fingerprinted by its hash, so it can never be recovered.
/// </summary>
public static class CallerIdentity
{
    public const string Anonymous = "anonymous";

    public static string Of(PandaCredentials credentials) => Of(credentials.Authorization);

    public static string Of(string? authorization)
    {
        var token = BearerToken(authorization);
        if (token is null)
        {
            return Anonymous;
        }
        var handler = new JsonWebTokenHandler();
        if (handler.CanReadToken(token))
        {
            try
            {
                var jwt = handler.ReadJsonWebToken(token);
                if (jwt.Subject is { Length: > 0 } subject)
                {
                    return "jwt:" + Hash($"{jwt.Issuer}\n{subject}");
                }
            }
            catch (ArgumentException)
            {
                // Looks like a JWT but is not one: fingerprinted as an opaque token below.
            }
        }
        return "opaque:" + Hash(token);
    }

    private static string? BearerToken(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return null;
        }
        const string prefix = "Bearer ";
        var token = authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? authorization[prefix.Length..] : authorization;
        token = token.Trim();
        return token.Length > 0 ? token : null;
    }

    /// <summary>128 bits of SHA-256, hex: enough to tell identities apart, nothing to recover a token from.</summary>
    private static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
}
