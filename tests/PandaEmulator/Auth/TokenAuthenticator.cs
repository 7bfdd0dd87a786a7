using System.Buffers.Text;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PandaEmulator.Hosting;
using PandaEmulator.Python;

namespace PandaEmulator.Auth;

/// <summary>
/// PanDA's token decoding (<c>panda_request.decode_token</c> with <c>token_authType=oidc</c>), in PanDA's order
/// and with PyJWT's messages: the VO from <c>Origin</c>, the token's header and signature, its times and
/// issuer, then the VO and the group membership, then the DN and FQANs it stands for.
/// </summary>
internal sealed class TokenAuthenticator
{
    private const string TracebackNote = "Traceback (most recent call last):\n  (traceback not reproduced by the emulator)\n";
    private const int MaxCachedDecisions = 10_000;

    // PanDA caches decisions per (token, Origin); so does the emulator, keeping crypto off the hot path.
    // Unlike PanDA's cache, an entry ends when its token expires, so an expired token is refused at once.
    private readonly ConcurrentDictionary<(string Token, string Origin), (TokenAuthResult Result, double Expires)> _decisions = new();
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _signatureOnly;
    private readonly string _issuer;
    private readonly IReadOnlySet<string> _knownVos;
    private readonly IdentityProvider _provider;
    private readonly TimeProvider _time;

    public TokenAuthenticator(IOptions<EmulatorOptions> options, IdentityProvider provider, TimeProvider time)
    {
        var settings = options.Value;
        _issuer = settings.Issuer;
        _knownVos = settings.KnownVos;
        _provider = provider;
        _time = time;
        // Times and issuer are checked by hand afterwards, to give PyJWT's messages in PyJWT's order.
        _signatureOnly = new TokenValidationParameters
        {
            IssuerSigningKeyResolver = (_, _, keyId, _) => provider.Find(keyId) is { } key ? [key] : [],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
        };
    }

    /// <summary>Decodes the <c>Authorization</c> header; without one the call is anonymous and accepted.</summary>
    public async ValueTask<TokenAuthResult> AuthenticateAsync(string? authorization, string? origin)
    {
        if (authorization is null)
        {
            return TokenAuthResult.AnonymousCall;
        }
        var fields = authorization.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            // PanDA's IndexError is swallowed: the request goes on, with no identity.
            return TokenAuthResult.AnonymousCall;
        }
        if (origin is null)
        {
            return TokenAuthResult.Refused(
                $"Token decode failure. 'NoneType' object has no attribute 'replace' {TracebackNote}AttributeError: 'NoneType' object has no attribute 'replace'\n");
        }
        var key = (fields[1], origin);
        var now = Now();
        if (_decisions.TryGetValue(key, out var cached) && cached.Expires > now)
        {
            return cached.Result;
        }
        TokenAuthResult result;
        var expires = double.MaxValue;
        try
        {
            var claims = await DecodeAsync(fields[1]);
            if (claims["exp"] is { } exp)
            {
                expires = NumericClaim(exp, "");
            }
            result = Authorize(claims, origin);
        }
        catch (InvalidTokenException e)
        {
            result = TokenAuthResult.Refused($"Invalid token. {e.Message}");
        }
        // Refusals are not kept: a token refused as not yet valid may become valid.
        if (result.Authenticated)
        {
            if (_decisions.Count >= MaxCachedDecisions)
            {
                _decisions.Clear();
            }
            _decisions[key] = (result, expires);
        }
        return result;
    }

    private double Now() => _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    private async ValueTask<PyDict> DecodeAsync(string token)
    {
        var parts = token.Split('.');
        if (parts.Length < 3)
        {
            throw new InvalidTokenException("Not enough segments");
        }
        var header = DecodeSegment(parts[0], "header");
        var payload = DecodeSegment(string.Join('.', parts[1..^1]), "payload");
        if (!Base64Url.IsValid(parts[^1]))
        {
            throw new InvalidTokenException("Invalid crypto padding");
        }
        if (header["kid"] is not string kid)
        {
            throw new InvalidTokenException("cannot extract kid from headers");
        }
        if (_provider.Find(kid) is null)
        {
            throw new InvalidTokenException($"JWK not found for kid={kid}");
        }
        if (header["alg"] as string != SecurityAlgorithms.RsaSha256)
        {
            throw new InvalidTokenException("The specified alg value is not allowed");
        }
        var result = await _handler.ValidateTokenAsync(token, _signatureOnly);
        if (!result.IsValid)
        {
            throw new InvalidTokenException("Signature verification failed");
        }
        CheckTimes(payload);
        if (!payload.ContainsKey("iss"))
        {
            throw new InvalidTokenException("Token is missing the \"iss\" claim");
        }
        if (payload["iss"] as string != _issuer)
        {
            throw new InvalidTokenException("failed to decode: Invalid issuer");
        }
        return payload;
    }

    private static PyDict DecodeSegment(string segment, string part)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(segment);
        }
        catch (FormatException)
        {
            throw new InvalidTokenException($"Invalid {part} padding");
        }
        object? value;
        try
        {
            value = PyJsonParser.Loads(bytes);
        }
        catch (Exception e) when (e is PyJsonDecodeException or PyException)
        {
            throw new InvalidTokenException($"Invalid {part} string: {e.Message}");
        }
        return value as PyDict ?? throw new InvalidTokenException($"Invalid {part} string: must be a json object");
    }

    /// <summary>PyJWT's claim checks: iat and nbf not in the future, exp not reached.</summary>
    private void CheckTimes(PyDict payload)
    {
        var now = Now();
        if (payload.ContainsKey("iat") && NumericClaim(payload["iat"], "Issued At claim (iat) must be an integer.") > now)
        {
            throw new InvalidTokenException("The token is not yet valid (iat)");
        }
        if (payload.ContainsKey("nbf") && NumericClaim(payload["nbf"], "Not Before claim (nbf) must be an integer.") > now)
        {
            throw new InvalidTokenException("The token is not yet valid (nbf)");
        }
        if (payload.ContainsKey("exp") && NumericClaim(payload["exp"], "Expiration Time claim (exp) must be an integer.") <= now)
        {
            throw new InvalidTokenException("Signature has expired");
        }
    }

    private static double NumericClaim(object? value, string error) => value switch
    {
        long l => l,
        double d => Math.Truncate(d),
        _ => throw new InvalidTokenException(error),
    };

    /// <summary>The VO and role from Origin, the group check, and the environment PanDA builds from the token.</summary>
    private TokenAuthResult Authorize(PyDict claims, string origin)
    {
        var (vo, role) = SplitOrigin(origin);
        if (!_knownVos.Contains(vo))
        {
            return TokenAuthResult.Refused($"Unknown vo : {vo}");
        }
        if (claims["groups"] is not PyList groupList)
        {
            return TokenAuthResult.Refused($"Token decode failure. 'groups' {TracebackNote}KeyError: 'groups'\n");
        }
        var groups = groupList.OfType<string>().ToHashSet(StringComparer.Ordinal);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (role is not null)
        {
            if (!groups.Contains($"{vo}/{role}") && !groups.Contains($"/{vo}/{role}"))
            {
                return TokenAuthResult.Refused($"Not a member of the {vo}/{role} group");
            }
            environment["PANDA_OIDC_VO"] = vo;
            environment["PANDA_OIDC_GROUP"] = role;
            environment["PANDA_OIDC_ROLE"] = role;
        }
        else
        {
            // auth_policies: every known VO admits members of the group named after it, as users.
            if (!groups.Contains(vo) && !groups.Contains($"/{vo}"))
            {
                return TokenAuthResult.Refused($"Not a member of the {vo} group");
            }
            environment["PANDA_OIDC_VO"] = vo;
            environment["PANDA_OIDC_GROUP"] = vo;
            environment["PANDA_OIDC_ROLE"] = "user";
        }
        foreach (var (key, value) in claims)
        {
            environment[$"PANDA_OIDC_CLAIM_{key}"] = PyOps.Str(value);
        }

        var sub = claims["sub"] is { } subject ? PyOps.Str(subject) : null;
        var preferred = claims["preferred_username"] as string;
        string dn;
        if (claims["name"] is { } name)
        {
            dn = string.Join(' ', PyOps.Str(name).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
                .Select(t => t[..1].ToUpperInvariant() + t[1..].ToLowerInvariant()));
            if (preferred is not null)
            {
                dn += $"/CN=nickname:{preferred}";
            }
        }
        else if (sub is not null)
        {
            dn = sub;
        }
        else
        {
            return TokenAuthResult.Refused($"Token decode failure. 'sub' {TracebackNote}KeyError: 'sub'\n");
        }
        environment["SSL_CLIENT_S_DN"] = dn;
        var fqans = new List<string>();
        if (role is not null)
        {
            environment["GRST_CRED_AUTH_TOKEN_0"] = $"VOMS /{vo}/Role={role}";
            fqans.Add($"/{vo}/Role={role}");
        }
        return new TokenAuthResult(true, null, new Caller
        {
            Dn = dn,
            UserName = preferred ?? sub,
            Vo = vo,
            Role = role,
            Fqans = fqans,
            Environment = environment,
        });
    }

    /// <summary>Origin is <c>vo</c>, <c>vo:role</c> or <c>vo.role</c> (PanDA splits on the last dot).</summary>
    private static (string Vo, string? Role) SplitOrigin(string origin)
    {
        var colon = origin.IndexOf(':');
        if (colon >= 0)
        {
            return (origin[..colon], NoneIfEmpty(origin[(colon + 1)..]));
        }
        if (!origin.StartsWith("vo.", StringComparison.Ordinal))
        {
            var dot = origin.LastIndexOf('.');
            if (dot >= 0)
            {
                return (origin[..dot], NoneIfEmpty(origin[(dot + 1)..]));
            }
        }
        return (origin, null);
    }

    // PanDA tests the role for truth, so an empty one is no role.
    private static string? NoneIfEmpty(string role) => role.Length == 0 ? null : role;

    private sealed class InvalidTokenException(string message) : Exception(message);
}
