using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PandaEmulator;

/// <summary>
/// Mints the ID tokens the emulator accepts: RS256 JWTs, as an identity provider signs them, carrying the claims
/// PanDA reads (<c>iss</c>, <c>aud</c>, <c>sub</c>, <c>name</c>, <c>preferred_username</c>, <c>groups</c>,
/// <c>iat</c>, <c>exp</c>). Send one as <c>Authorization: Bearer &lt;token&gt;</c> with the VO in <c>Origin</c>.
/// The emulator publishes the public keys in its JWKS (<c>/oidc/jwks</c>).
/// </summary>
public sealed class TokenIssuer
{
    /// <summary>
    /// The development key every emulator starts with, so that tokens minted by one process verify in another: a
    /// fixed key pair, written here on purpose. It signs test tokens only and is not a secret.
    /// </summary>
    public const string DevelopmentKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCM4BuKBujiv0fT
        Bo+lh6OWVxYL+TAnTj1V476rxfyppHkzMfj5WuPbGJv3etDq6Uwg+CRP9PITR0l8
        56gAVypcoi0kbKRaMtnstno7m9F4OwHfeMIuxGzgJHnd5DFqxG3+wmQHyfw5hog3
        YbQH8KTMQiBICvbtll4Cqz/CAP/9RN7hup0RGeD7fCHqA744bcobhXS+vdGQVves
        ZXpFwjkYj6ebi7eXKezk7ttlm1DfrFxgtVOYyePhO2vczDPwFSYj/EaK68XGQ64J
        lxUttnxkes84Pxbc3KqYbcdJ/e+yAIe4WHGN40uuCBGTPj4OEyntooCAA9RxV64u
        I5JyCGVDAgMBAAECggEADkYVeZUc+v88l3d+YzGXc//bk6z/obaTZQ96s0w6lIm+
        Cgo8hYTIZNuyeeSEzziCO9jzUkf++yW+9BvuHCgOJRf9kPI9GN020tLjwa8WY03p
        8QBQVI1sfALWIj3L0AXvyzSxDqT68cKILMGxNxi9P0D3+l9ks6AHuHzXgfW4pQBd
        5aLTN19sr3MQfrjO8A7+e1xXSkjrM7HytqdtRiSpjbmarP4+Ka6OumGHQMjOh7A5
        Z8Eq9+XZzX14RtznYSoiEcuLEBFRr7QSZ8C/mU2vpLbKXTTnE1j24GdVOaMDj3UL
        gZ8CVQ1URbRg1FHrrS0gOqYoMCQWkI9IgfijQSX3gQKBgQDGtEe8sKZ4HUcm+lIT
        9tCt7c8eqzqsJ0gPFngsQwP4HaO0NXHs7+a3PKnU1OfFn6/k8hmRzckaxMg1GMOt
        iYeLgWZ8YtabzCHwjKP/Q35NKuy8J/0dyLQsLsWPjq6UEVXT8wjkCrVEVVv5bfKc
        rH3XntXIUN8VNa8eM6drE4KfQQKBgQC1fxZlLobP4nHKyvEl6VTkxzIaPqGilC36
        kPyjckBuTX6dKPkKt6Hg0absixIGAcxJET0IKUU27vXw245bOCr3Joak5DqRtSHt
        wyW3hipSD4d0DF3SkXbjPQtF183DZGYrp8+tOcoQH0S9ovW12UUhRyoPkhi64+TE
        AFonom4ngwKBgAhPf/SXWs8JQnGR5J7rIr0zhgcdWD3dArmG0g3f26mj67XcymAD
        hJ3DTsMVCICOdjfYHFOpzLBu7ISz/XMjnmSqS9QF+j3X4s+BwlYpx32Ivw/7iC2X
        uFlkt2SSriCJPRK5RnTrMbui6k7bV1tQJ48+GGjhYQMtFJ7pwCXNUhhBAoGAPuA4
        MfVcXshkA40q3adn8ZnQkacA+AG9rABuhXEfQRc3tdpr7HqRagE3gtrq84nL68Q9
        EIa7o7xFF5v4RUHAIL8IBjfK0o+doXDpsBqarrMSifF+z2P1e+O59Ag/EGHHw3fv
        SmOqzMsIVWoPFWCfwleVCq/iQVyR9BTrJq/u2WECgYEAmSuIhwlnvAIBH3qhH573
        REBPAgjqnJ4WyhqdGZsphX0wogykCkj+pFw7WFS+cW9RpaveGA1cPcNFPzvo8vPd
        0p1LLu+L81yJ38x796Lotu0xvlziTbTuLDpLm46TScaRJPCZdVi23Bgz77wWsaQo
        N8W6HlMPJr6GjxKWWj/3TOc=
        -----END PRIVATE KEY-----
        """;

    /// <summary>The <c>iss</c> claim of minted tokens and the only issuer the emulator trusts by default.</summary>
    public const string DefaultIssuer = "https://panda-emulator.invalid/";

    /// <summary>The <c>aud</c> claim of minted tokens: the audience the emulator's auth configuration names.</summary>
    public const string DefaultAudience = "panda-emulator-client";

    /// <summary>The <c>kid</c> header of tokens signed with the development key; PanDA looks the signing key up by it.</summary>
    public const string KeyId = "panda-emulator";

    /// <summary>The lifetime of a token when none is given.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    private static readonly Lazy<RsaSecurityKey> DevelopmentKey = new(() => CreateKey(DevelopmentKeyPem, KeyId));
    private static readonly TokenIssuer Default = new();
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials;

    /// <summary>An issuer signing with <paramref name="key"/> (the development key by default) as <paramref name="issuer"/>.</summary>
    public TokenIssuer(RsaSecurityKey? key = null, string issuer = DefaultIssuer, string audience = DefaultAudience)
    {
        Key = key ?? DevelopmentKey.Value;
        Issuer = issuer;
        Audience = audience;
        _credentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The <c>iss</c> claim this issuer writes.</summary>
    public string Issuer { get; }

    /// <summary>The <c>aud</c> claim this issuer writes.</summary>
    public string Audience { get; }

    public RsaSecurityKey Key { get; }

    /// <summary>An issuer with a key of its own: a fresh 2048-bit RSA key named <paramref name="keyId"/>.</summary>
    public static TokenIssuer WithNewKey(string keyId, string issuer = DefaultIssuer) =>
        new(new RsaSecurityKey(RSA.Create(2048)) { KeyId = keyId }, issuer);

    /// <summary>A token from the default issuer, as <c>mint-token</c> prints it.</summary>
    /// <param name="sub">The user: <c>sub</c> and <c>preferred_username</c>; task ownership compares it with task owners.</param>
    /// <param name="vo">The VO whose group the token carries (send the same VO in <c>Origin</c>).</param>
    /// <param name="production">Adds the <c>&lt;vo&gt;/production</c> group, so <c>Origin: &lt;vo&gt;:production</c> gives the production role.</param>
    /// <param name="ttl">Lifetime from now (default one hour); a negative one mints an expired token.</param>
    public static string Mint(string sub, string vo = "atlas", bool production = false, TimeSpan? ttl = null) =>
        Default.Issue(sub, vo, production, ttl);

    /// <summary>
    /// A token signed by this issuer; see <see cref="Mint"/> for the first arguments. <paramref name="now"/> stands for
    /// the time of issue, and <paramref name="notBefore"/> adds an <c>nbf</c> claim, for a token not valid yet.
    /// </summary>
    public string Issue(
        string sub, string vo = "atlas", bool production = false, TimeSpan? ttl = null, string? name = null, DateTimeOffset? now = null,
        DateTimeOffset? notBefore = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sub);
        ArgumentException.ThrowIfNullOrWhiteSpace(vo);
        var issuedAt = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var groups = production ? new[] { vo, $"{vo}/production" } : new[] { vo };
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = sub,
            ["name"] = name ?? sub,
            ["preferred_username"] = sub,
            ["groups"] = groups,
            ["iat"] = issuedAt,
            ["exp"] = issuedAt + (long)(ttl ?? DefaultLifetime).TotalSeconds,
        };
        if (notBefore is { } nbf)
        {
            claims["nbf"] = nbf.ToUnixTimeSeconds();
        }
        // Times are written as claims so that an already expired token can be minted for tests.
        return _handler.CreateToken(new SecurityTokenDescriptor { SigningCredentials = _credentials, Claims = claims });
    }

    /// <summary>The RSA key of a PEM private key, named <paramref name="keyId"/>.</summary>
    public static RsaSecurityKey CreateKey(string pem, string keyId)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }
}
