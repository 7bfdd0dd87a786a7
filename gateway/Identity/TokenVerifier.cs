using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Security;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Gateway.Identity;

/// <summary>
/// Checks a caller's ID token before the gateway trusts who the caller is: its signature against the keys the VO's
/// identity provider publishes, its expiry and not-before, its issuer (the VO's provider) and its audience (the one
/// PanDA expects for the VO). The VO is the one the request names in <c>Origin</c>, as PanDA reads it. A token that
/// checked out is remembered (by a hash of it) for a few minutes, at most until it expires, so that a caller's next
/// requests cost a hash and a lookup instead of an RSA verification.
/// </summary>
public sealed class TokenVerifier
{
    /// <summary>A verified token is trusted this long without a new check (keys retired meanwhile take this long to matter).</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    private const int MaxRemembered = 100_000;

    /// <summary>After a provider could not be read (with no keys of it known), how long requests get 503 without another try.</summary>
    private static readonly TimeSpan UnavailableFor = TimeSpan.FromSeconds(5);

    private static readonly string[] AsymmetricAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _handler = new();
    private readonly ConcurrentDictionary<string, VoIssuer> _issuers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<UInt128, (string Identity, DateTimeOffset Until)> _remembered = new();
    private readonly IdentityOptions _options;
    private readonly OriginPolicy _origins;
    private readonly string _vos;
    private readonly string _pandaBase;
    private readonly bool _requireHttps;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public TokenVerifier(
        IOptions<IdentityOptions> options,
        IOptions<SecurityOptions> security,
        IOptions<PandaClientOptions> panda,
        IHttpClientFactory http,
        TimeProvider time)
    {
        _options = options.Value;
        _origins = new OriginPolicy(security.Value);
        _vos = string.Join(", ", security.Value.AllowedVos.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        // PanDA's clients read the auth configuration from the server's root: the API URL without /api/v1.
        var baseUrl = panda.Value.BaseUrl.TrimEnd('/');
        _pandaBase = baseUrl.EndsWith("/api/v1", StringComparison.Ordinal) ? baseUrl[..^"/api/v1".Length] : baseUrl;
        // A PanDA reached over plain HTTP is a development setup, whose identity provider may be plain HTTP too.
        _requireHttps = _pandaBase.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        _http = http.CreateClient(IdentityHostingExtensions.HttpClientName);
        _time = time;
    }

    /// <summary>PanDA's auth configuration of <paramref name="vo"/>, as PanDA's own clients find it.</summary>
    public string AuthConfigUrl(string vo) => $"{_pandaBase}/auth/{vo}_auth_config.json";

    /// <param name="token">The bearer token, without its scheme.</param>
    /// <param name="origin">The request's <c>Origin</c> header: the VO, as <c>vo</c>, <c>vo:role</c> or <c>vo.role</c>.</param>
    public async ValueTask<TokenVerdict> VerifyAsync(string token, string? origin, CancellationToken cancellationToken)
    {
        if (_origins.VoOf(origin) is not { } vo)
        {
            return TokenVerdict.Refused(
                $"A token is checked against its VO's identity provider: name the VO in the Origin header ({_vos}).");
        }
        var remembered = Fingerprint(vo, token);
        var now = _time.GetUtcNow();
        if (_remembered.TryGetValue(remembered, out var known) && known.Until > now)
        {
            return TokenVerdict.Verified(known.Identity);
        }
        var issuer = _issuers.GetOrAdd(vo, NewIssuer);
        if (issuer.IsUnavailable(now))
        {
            return Unavailable(vo);
        }
        TokenValidationResult result;
        try
        {
            result = await ValidateAsync(issuer, token, cancellationToken);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // A key not seen yet: the provider may have rotated one in. The keys are read again in the
                // background; this token is refused now, and accepted once they are in.
                issuer.RequestKeyRefresh();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            issuer.MarkUnavailable(_time.GetUtcNow() + UnavailableFor);
            return Unavailable(vo);
        }
        if (!result.IsValid)
        {
            return TokenVerdict.Refused(Problem(result.Exception, vo));
        }
        var jwt = (JsonWebToken)result.SecurityToken;
        if (string.IsNullOrEmpty(jwt.Subject))
        {
            return TokenVerdict.Refused("The ID token names no subject (sub), so it says nobody: log in again through PanDA's client.");
        }
        var identity = CallerIdentity.Of(jwt.Issuer, jwt.Subject);
        if (_remembered.Count >= MaxRemembered)
        {
            _remembered.Clear();
        }
        var until = now + RememberFor;
        _remembered[remembered] = (identity, jwt.ValidTo == DateTime.MinValue || jwt.ValidTo > until ? until : new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero));
        return TokenVerdict.Verified(identity);
    }

    private static TokenVerdict Unavailable(string vo) => TokenVerdict.Unavailable(
        $"The identity provider of VO '{vo}' could not be reached to check the token's signature, so the gateway cannot tell who you are now. Try again in a minute.");

    private async Task<TokenValidationResult> ValidateAsync(VoIssuer issuer, string token, CancellationToken cancellationToken)
    {
        var (provider, audience) = await issuer.GetAsync(cancellationToken);
        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = provider.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = provider.SigningKeys,
            ValidAlgorithms = AsymmetricAlgorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = _options.ClockSkew,
        });
    }

    /// <summary>What is wrong with the token and what to do, in words that quote nothing from it.</summary>
    private static string Problem(Exception? failure, string vo) => failure switch
    {
        SecurityTokenExpiredException expired =>
            $"The ID token expired at {expired.Expires:yyyy-MM-dd HH:mm:ss} UTC: log in again to get a new one.",
        SecurityTokenNotYetValidException notYet =>
            $"The ID token is not valid before {notYet.NotBefore:yyyy-MM-dd HH:mm:ss} UTC: check the clock of the machine that got it, or wait.",
        SecurityTokenInvalidIssuerException =>
            $"The ID token was not issued by the identity provider of VO '{vo}': send the VO the token is for in Origin, or log in with that VO.",
        SecurityTokenInvalidAudienceException =>
            $"The ID token is not meant for PanDA (its audience is not the one PanDA expects for VO '{vo}'): log in through PanDA's client for the VO.",
        SecurityTokenSignatureKeyNotFoundException =>
            $"The ID token is signed with a key the identity provider of VO '{vo}' does not publish: if it rotated its keys just now, try again in a few seconds; otherwise log in again.",
        SecurityTokenNoExpirationException =>
            "The ID token has no expiry (exp), and the gateway does not trust a token that never ends: log in through PanDA's client.",
        SecurityTokenMalformedException or ArgumentException =>
            "The bearer token is not a JWT ID token: send the ID token of your PanDA login (Authorization: Bearer <token>).",
        _ =>
            $"The ID token's signature does not verify against the keys of the identity provider of VO '{vo}': log in again to get a genuine token.",
    };

    private VoIssuer NewIssuer(string vo) => new(
        _options.Vos.GetValueOrDefault(vo),
        AuthConfigUrl(vo),
        (url, retriever) => Manager(url, retriever),
        url => Manager(url, new OpenIdConnectConfigurationRetriever()));

    private ConfigurationManager<T> Manager<T>(string url, IConfigurationRetriever<T> retriever) where T : class =>
        new(url, retriever, new HttpDocumentRetriever(_http) { RequireHttps = _requireHttps })
        {
            AutomaticRefreshInterval = _options.RefreshInterval,
            RefreshInterval = _options.UnknownKeyRefreshInterval,
        };

    /// <summary>128 bits of SHA-256 of the VO and the token, hashed without copying the token: the token itself is never kept.</summary>
    private static UInt128 Fingerprint(string vo, string token)
    {
        var length = Encoding.UTF8.GetMaxByteCount(vo.Length + 1 + token.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(vo, rented);
            rented[written++] = (byte)'\n';
            written += Encoding.UTF8.GetBytes(token, rented.AsSpan(written));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, written), hash);
            return BinaryPrimitives.ReadUInt128LittleEndian(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
