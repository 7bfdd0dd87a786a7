using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using PandaEmulator.Auth;

namespace PandaEmulator.Tests;

/// <summary>
/// The emulator's identity side, as the gateway and PanDA's clients read it: the auth configuration per VO, the
/// discovery document and the JWKS, key rotation (the tokens it accepts follow the keys it publishes), and an outage.
/// An emulator of its own: these tests change its keys.
/// </summary>
public sealed class IdentityProviderTests : IAsyncLifetime
{
    private RunningEmulator _emulator = null!;
    private PandaTestClient _client = null!;

    private HttpClient Http => _client.Http;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorApp.StartAsync();
        _client = new PandaTestClient(_emulator);
    }

    [Fact]
    public async Task TheAuthConfiguration_LeadsToTheDiscoveryDocument_AndItsJwksPublishesTheDevelopmentKey()
    {
        var config = await JsonAsync("/auth/atlas_auth_config.json");
        var discovery = await JsonAsync(config.GetProperty("oidc_config_url").GetString()!);
        var jwks = new JsonWebKeySet(await Http.GetStringAsync(discovery.GetProperty("jwks_uri").GetString()));

        Assert.Equal(TokenIssuer.DefaultAudience, config.GetProperty("audience").GetString());
        Assert.Equal(TokenIssuer.DefaultIssuer, discovery.GetProperty("issuer").GetString());
        var key = Assert.Single(jwks.Keys);
        Assert.Equal((TokenIssuer.KeyId, "RSA"), (key.Kid, key.Kty));
        Assert.False(key.HasPrivateKey);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(_emulator.Address, "/auth/cms_auth_config.json"))).StatusCode);
    }

    [Fact]
    public async Task ARotatedKey_SignsNewTokens_AndARetiredOne_IsNeitherPublishedNorAccepted()
    {
        var kid = (await PostJsonAsync("/_emulator/identity/keys", new { })).GetProperty("kid").GetString();
        var signedWithTheNewKey = (await PostJsonAsync("/_emulator/identity/tokens", new { sub = "alice" })).GetProperty("token").GetString();
        using (var retired = await Http.DeleteAsync(new Uri(_emulator.Address, $"/_emulator/identity/keys/{TokenIssuer.KeyId}")))
        {
            Assert.Equal(HttpStatusCode.NoContent, retired.StatusCode);
        }
        var jwks = new JsonWebKeySet(await Http.GetStringAsync(new Uri(_emulator.Address, "/oidc/jwks")));

        Assert.Equal([kid], jwks.Keys.Select(k => k.Kid));
        Assert.True((await _client.GetAsync("system/get_user_attributes", token: signedWithTheNewKey)).Success);
        var refused = await _client.GetAsync("system/get_user_attributes", token: TokenIssuer.Mint("alice"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains($"JWK not found for kid={TokenIssuer.KeyId}", refused.Body);
    }

    [Fact]
    public async Task AProviderTakenDown_Answers503_UntilItIsBack()
    {
        await PostAsync("/_emulator/identity/availability", new { available = false });
        var down = await Task.WhenAll(new[] { "/auth/atlas_auth_config.json", "/oidc/.well-known/openid-configuration", "/oidc/jwks" }
            .Select(path => Http.GetAsync(new Uri(_emulator.Address, path))));
        await PostAsync("/_emulator/identity/availability", new { available = true });

        Assert.All(down, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode));
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync(new Uri(_emulator.Address, "/oidc/jwks"))).StatusCode);
    }

    [Fact]
    public async Task TheDeviceFlow_GrantsTokensOnceApproved_AndARefreshTokenWorksOnce()
    {
        var device = await FormAsync("/oidc/device", new() { ["client_id"] = TokenIssuer.DefaultAudience, ["scope"] = "openid offline_access" });
        var code = device.Body.GetProperty("device_code").GetString()!;
        Dictionary<string, string> Poll() => new()
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["device_code"] = code,
            ["client_id"] = TokenIssuer.DefaultAudience,
        };

        var pending = await FormAsync("/oidc/token", Poll());
        var tooSoon = await FormAsync("/oidc/token", Poll());
        using (var approved = await Http.GetAsync(device.Body.GetProperty("verification_uri_complete").GetString()))
        {
            approved.EnsureSuccessStatusCode();
        }
        await Task.Delay(TimeSpan.FromSeconds(TokenGrants.PollInterval));
        var granted = await FormAsync("/oidc/token", Poll());
        var refresh = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = granted.Body.GetProperty("refresh_token").GetString()!,
            ["client_id"] = TokenIssuer.DefaultAudience,
        };
        var refreshed = await FormAsync("/oidc/token", refresh);
        var replayed = await FormAsync("/oidc/token", refresh);

        Assert.Equal((HttpStatusCode.BadRequest, "authorization_pending"), (pending.Status, pending.Body.GetProperty("error").GetString()));
        Assert.Equal("slow_down", tooSoon.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.True((await _client.GetAsync("system/get_user_attributes", token: granted.Body.GetProperty("id_token").GetString())).Success);
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.NotEqual(refresh["refresh_token"], refreshed.Body.GetProperty("refresh_token").GetString());
        Assert.Equal("invalid_grant", replayed.Body.GetProperty("error").GetString());
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> FormAsync(string path, Dictionary<string, string> form)
    {
        using var response = await Http.PostAsync(new Uri(_emulator.Address, path), new FormUrlEncodedContent(form));
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private async Task<JsonElement> JsonAsync(string pathOrUrl) =>
        await Http.GetFromJsonAsync<JsonElement>(new Uri(_emulator.Address, pathOrUrl));

    private async Task<JsonElement> PostJsonAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(_emulator.Address, path), body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task PostAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(_emulator.Address, path), body);
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }
}
