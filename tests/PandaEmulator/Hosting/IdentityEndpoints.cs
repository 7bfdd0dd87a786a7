using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PandaEmulator.Auth;

namespace PandaEmulator.Hosting;

/// <summary>
/// PanDA's identity side, as its clients and the gateway read it: the auth configuration per VO
/// (<c>/auth/&lt;vo&gt;_auth_config.json</c>, as PanDA serves it), the OIDC discovery document and the JWKS of the
/// identity provider; and the test controls under <c>/_emulator/identity</c>: rotate and retire keys, mint a token
/// with the current key, take the provider down and back.
/// </summary>
internal static class IdentityEndpoints
{
    public const string DiscoveryPath = "/oidc/.well-known/openid-configuration";
    public const string JwksPath = "/oidc/jwks";
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
                    ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                    ["subject_types_supported"] = new JsonArray("public"),
                    ["response_types_supported"] = new JsonArray("code"),
                })
                : Down());
        app.MapGet(JwksPath, (IdentityProvider provider) => provider.Available ? Results.Json(provider.Jwks()) : Down());

        var control = app.MapGroup("/_emulator/identity");
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

    private static IResult Down() => Results.Text("The identity provider is down (the emulator was told so).", statusCode: StatusCodes.Status503ServiceUnavailable);

    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    /// <summary>A token to mint with the current key: its user, VO, lifetime and, for one not valid yet, its nbf from now.</summary>
    private sealed record TokenRequest(string Sub, string? Vo, bool Production, double? TtlSeconds, double? NotBeforeSeconds);

    private sealed record Availability(bool Available);
}
