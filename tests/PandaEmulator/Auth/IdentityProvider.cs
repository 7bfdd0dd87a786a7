using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PandaEmulator.Auth;

/// <summary>
/// The emulator's identity provider, as PanDA's VOs have one: the keys it signs tokens with and publishes in its JWKS,
/// and whether it answers at all. It starts with the development key (<see cref="TokenIssuer.DevelopmentKeyPem"/>); a
/// rotation adds a key that signs from then on, and retiring a key takes it out of the JWKS and of what the emulator
/// accepts.
/// </summary>
public sealed class IdentityProvider
{
    private ImmutableList<RsaSecurityKey> _keys = [new TokenIssuer().Key];
    private volatile bool _available = true;

    /// <summary>False: the discovery document, the JWKS and the auth configuration answer 503, as a provider that is down.</summary>
    public bool Available
    {
        get => _available;
        set => _available = value;
    }

    /// <summary>The key new tokens are signed with: the newest.</summary>
    public RsaSecurityKey Current => _keys[0];

    public RsaSecurityKey? Find(string keyId) => _keys.FirstOrDefault(k => k.KeyId == keyId);

    /// <summary>Adds a new key (2048-bit RSA), which signs from now on; the older ones are still published. Returns its kid.</summary>
    public string Rotate()
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = $"panda-emulator-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}" };
        ImmutableInterlocked.Update(ref _keys, keys => keys.Insert(0, key));
        return key.KeyId;
    }

    /// <summary>Takes a key out; false when it is unknown or the last one.</summary>
    public bool Retire(string keyId)
    {
        var retired = false;
        ImmutableInterlocked.Update(ref _keys, keys =>
        {
            retired = keys.Count > 1 && keys.Any(k => k.KeyId == keyId);
            return retired ? keys.RemoveAll(k => k.KeyId == keyId) : keys;
        });
        return retired;
    }

    /// <summary>The public keys as a JWKS (RFC 7517).</summary>
    public JsonObject Jwks() => new()
    {
        ["keys"] = new JsonArray(_keys.Select(key =>
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            return (JsonNode)new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = SecurityAlgorithms.RsaSha256,
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
        }).ToArray()),
    };
}
