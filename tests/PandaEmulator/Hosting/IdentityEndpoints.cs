using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PandaEmulator.Auth;

namespace PandaEmulator.Hosting;

/// <summary>
/// PanDA's identity side, as its clients and the gateway read it: the auth configuration per VO
/// (<c>/auth/&lt;vo&gt;_auth_config.json</c>, as PanDA serves it), the OIDC discovery document and the JWKS of the
/// identity provider, its device authorization and token endpoints (device flow, refresh); and the test controls
/// under <c>/_emulator/identity</c>: rotate and retire keys, mint a token with the current key, revoke refresh
/// tokens, count grants, take the provider down and back.
/// </summary>
internal static class IdentityEndpoints
{
    public const string DiscoveryPath = "/oidc/.well-known/openid-configuration";
    public const string JwksPath = "/oidc/jwks";
    public const string DevicePath = "/oidc/device";
    public const string VerifyPath = "/oidc/device/verify";
    public const string TokenPath = "/oidc/token";
    private const string DeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";
    private const string AuthConfigSuffix = "_auth_config.json";

    public static void MapIdentity(this WebApplication app)
    {
        app.MapGet("/auth/{file}", (string file, HttpRequest request, IOptions<EmulatorOptions> options, IdentityProvider provider) =>
        {
            if (!provider.Available)
            {
                return Down();
            }
            var vo = file.EndsWith(AuthConfigSuffix, StringComparison.Ordinal) ? file[..^AuthConfigSuffix.Length] : null;
            if (vo is null || !options.Value.KnownVos.Contains(vo))
            {
                return Results.NotFound();
            }
            return Results.Json(new JsonObject
            {
                ["client_id"] = options.Value.Audience,
                ["audience"] = options.Value.Audience,
                ["oidc_config_url"] = $"{BaseUrl(request)}{DiscoveryPath}",
                ["vo"] = vo,
            });
        });
        app.MapGet(DiscoveryPath, (HttpRequest request, IOptions<EmulatorOptions> options, IdentityProvider provider) =>
            provider.Available
                ? Results.Json(new JsonObject
                {
                    ["issuer"] = options.Value.Issuer,
                    ["jwks_uri"] = $"{BaseUrl(request)}{JwksPath}",
                    ["device_authorization_endpoint"] = $"{BaseUrl(request)}{DevicePath}",
                    ["token_endpoint"] = $"{BaseUrl(request)}{TokenPath}",
                    ["grant_types_supported"] = new JsonArray(DeviceGrant, "refresh_token"),
                    ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                    ["subject_types_supported"] = new JsonArray("public"),
                    ["response_types_supported"] = new JsonArray("code"),
                })
                : Down());
        app.MapGet(JwksPath, (IdentityProvider provider) => provider.Available ? Results.Json(provider.Jwks()) : Down());

        app.MapPost(DevicePath, async (HttpRequest request, IOptions<EmulatorOptions> options, TokenGrants grants, IdentityProvider provider) =>
        {
            if (await RefusalAsync(request, options.Value, provider) is { } refusal)
            {
                return refusal;
            }
            var settings = options.Value;
            var device = grants.StartDevice(settings.DevicePollIntervalSeconds,
                settings.DeviceApproveAfterSeconds is { } after ? TimeSpan.FromSeconds(after) : null);
            var verify = $"{BaseUrl(request)}{VerifyPath}";
            return Results.Json(new JsonObject
            {
                ["device_code"] = device.DeviceCode,
                ["user_code"] = device.UserCode,
                ["verification_uri"] = verify,
                ["verification_uri_complete"] = $"{verify}?user_code={device.UserCode}",
                ["expires_in"] = (int)TokenGrants.DeviceCodeLifetime.TotalSeconds,
                ["interval"] = device.IntervalSeconds,
            });
        });
        // What a user's browser does: opening the verification URL approves the request (as ?user=, alice by default), or ?deny=true refuses it.
        app.MapGet(VerifyPath, (string user_code, string? user, bool? deny, TokenGrants grants) =>
            grants.Decide(user_code, user ?? Seed.Alice, deny == true)
                ? Results.Text(deny == true ? "Denied." : "Approved: you may go back to your application.")
                : Results.NotFound());
        app.MapPost(TokenPath, async (HttpRequest request, IOptions<EmulatorOptions> options, TokenGrants grants, IdentityProvider provider) =>
        {
            if (await RefusalAsync(request, options.Value, provider) is { } refusal)
            {
                return refusal;
            }
            var form = await request.ReadFormAsync();
            string? user;
            switch (form["grant_type"].ToString())
            {
                case DeviceGrant:
                    (user, var error) = grants.Poll(form["device_code"].ToString());
                    if (error is not null)
                    {
                        return OAuthError(error);
                    }
                    break;
                case "refresh_token":
                    user = grants.Redeem(form["refresh_token"].ToString());
                    if (user is null)
                    {
                        return OAuthError("invalid_grant");
                    }
                    break;
                default:
                    return OAuthError("unsupported_grant_type");
            }
            var settings = options.Value;
            var idToken = new TokenIssuer(provider.Current, settings.Issuer, settings.Audience)
                .Issue(user!, settings.KnownVos.Order().First(), ttl: TimeSpan.FromSeconds(settings.TokenLifetimeSeconds));
            return Results.Json(new JsonObject
            {
                ["access_token"] = idToken,
                ["id_token"] = idToken,
                ["refresh_token"] = grants.IssueRefreshToken(user!),
                ["token_type"] = "Bearer",
                ["expires_in"] = settings.TokenLifetimeSeconds,
                ["scope"] = "openid profile email offline_access",
            });
        });

        var control = app.MapGroup("/_emulator/identity");
        control.MapPost("/refresh-tokens/revoke", (TokenGrants grants) =>
        {
            grants.RevokeAll();
            return Results.NoContent();
        });
        control.MapGet("/grants", (TokenGrants grants) => Results.Json(new { deviceGrants = grants.DeviceGrants, refreshes = grants.Refreshes, refusedRefreshes = grants.RefusedRefreshes }));
        control.MapPost("/keys", (IdentityProvider provider) => Results.Json(new { kid = provider.Rotate() }));
        control.MapDelete("/keys/{kid}", (string kid, IdentityProvider provider) => provider.Retire(kid) ? Results.NoContent() : Results.NotFound());
        control.MapPost("/tokens", (TokenRequest request, IOptions<EmulatorOptions> options, IdentityProvider provider) =>
        {
            var now = DateTimeOffset.UtcNow;
            var token = new TokenIssuer(provider.Current, options.Value.Issuer, options.Value.Audience).Issue(
                request.Sub, request.Vo ?? "atlas", request.Production, TimeSpan.FromSeconds(request.TtlSeconds ?? 3600), now: now,
                notBefore: request.NotBeforeSeconds is { } nbf ? now.AddSeconds(nbf) : null);
            return Results.Json(new { token });
        });
        control.MapPost("/availability", (Availability availability, IdentityProvider provider) =>
        {
            provider.Available = availability.Available;
            return Results.NoContent();
        });
    }

    /// <summary>What refuses a client's request to the provider (down, or a client it does not know); null when none does.</summary>
    private static async Task<IResult?> RefusalAsync(HttpRequest request, EmulatorOptions options, IdentityProvider provider)
    {
        var form = await request.ReadFormAsync();
        return !provider.Available ? Down()
            : form["client_id"] != options.Audience ? OAuthError("invalid_client", StatusCodes.Status401Unauthorized)
            : null;
    }

    /// <summary>An OAuth 2.0 error answer (RFC 6749 5.2).</summary>
    private static IResult OAuthError(string error, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new JsonObject { ["error"] = error }, statusCode: status);

    private static IResult Down() => Results.Text("The identity provider is down (the emulator was told so).", statusCode: StatusCodes.Status503ServiceUnavailable);

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    /// <summary>A token to mint with the current key: its user, VO, lifetime and, for one not valid yet, its nbf from now.</summary>
    private sealed record TokenRequest(string Sub, string? Vo, bool Production, double? TtlSeconds, double? NotBeforeSeconds);

    private sealed record Availability(bool Available);
}
