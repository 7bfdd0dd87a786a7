using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PandaEmulator;

/// <summary>
/// Mints the ID tokens the emulator accepts: HS256 JWTs signed with the emulator's key, carrying the claims
/// PanDA reads (<c>iss</c>, <c>sub</c>, <c>name</c>, <c>preferred_username</c>, <c>groups</c>, <c>iat</c>,
/// <c>exp</c>). Send one as <c>Authorization: Bearer &lt;token&gt;</c> with the VO in <c>Origin</c>.
/// </summary>
public sealed class TokenIssuer
{
    /// <summary>The development key every emulator uses unless told otherwise, so tokens minted by one process verify in another.</summary>
    public const string DefaultSigningKey = "panda-emulator-development-signing-key-not-a-secret";

    /// <summary>The <c>iss</c> claim of minted tokens and the only issuer the emulator trusts by default.</summary>
    public const string DefaultIssuer = "https://panda-emulator.invalid/";

    /// <summary>The <c>kid</c> header of minted tokens; PanDA looks the signing key up by it.</summary>
    public const string KeyId = "panda-emulator";

    /// <summary>The lifetime of a token when none is given.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    private static readonly TokenIssuer Default = new();
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly SigningCredentials _credentials;

    /// <summary>An issuer signing with <paramref name="signingKey"/> (at least 32 bytes of UTF-8) as <paramref name="issuer"/>.</summary>
    public TokenIssuer(string signingKey = DefaultSigningKey, string issuer = DefaultIssuer)
    {
        Key = CreateKey(signingKey);
        Issuer = issuer;
        _credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
    }

    /// <summary>The <c>iss</c> claim this issuer writes.</summary>
    public string Issuer { get; }

    internal SymmetricSecurityKey Key { get; }

    /// <summary>A token from the default issuer, as <c>mint-token</c> prints it.</summary>
    /// <param name="sub">The user: <c>sub</c> and <c>preferred_username</c>; task ownership compares it with task owners.</param>
    /// <param name="vo">The VO whose group the token carries (send the same VO in <c>Origin</c>).</param>
    /// <param name="production">Adds the <c>&lt;vo&gt;/production</c> group, so <c>Origin: &lt;vo&gt;:production</c> gives the production role.</param>
    /// <param name="ttl">Lifetime from now (default one hour); a negative one mints an expired token.</param>
    public static string Mint(string sub, string vo = "atlas", bool production = false, TimeSpan? ttl = null) =>
        Default.Issue(sub, vo, production, ttl);

    /// <summary>A token signed by this issuer; see <see cref="Mint"/> for the arguments.</summary>
    public string Issue(string sub, string vo = "atlas", bool production = false, TimeSpan? ttl = null, string? name = null, DateTimeOffset? now = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sub);
        ArgumentException.ThrowIfNullOrWhiteSpace(vo);
        var issuedAt = (now ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var groups = production ? new[] { vo, $"{vo}/production" } : new[] { vo };
        var descriptor = new SecurityTokenDescriptor
        {
            SigningCredentials = _credentials,
            // Times are written as claims so that an already expired token can be minted for tests.
            Claims = new Dictionary<string, object>
            {
                ["iss"] = Issuer,
                ["sub"] = sub,
                ["name"] = name ?? sub,
                ["preferred_username"] = sub,
                ["groups"] = groups,
                ["iat"] = issuedAt,
                ["exp"] = issuedAt + (long)(ttl ?? DefaultLifetime).TotalSeconds,
            },
        };
        return _handler.CreateToken(descriptor);
    }

    internal static SymmetricSecurityKey CreateKey(string signingKey)
    {
        var bytes = Encoding.UTF8.GetBytes(signingKey);
        if (bytes.Length < 32)
        {
            throw new ArgumentException("The signing key must be at least 32 bytes of UTF-8 for HS256.", nameof(signingKey));
        }
        return new SymmetricSecurityKey(bytes) { KeyId = KeyId };
    }
}
