using System.Net.Http.Json;
using System.Text.Json;

namespace PandaMcp.StdioBridge;

/// <summary>
/// PanDA's identity side as its own clients use it (get_panda_token.py, panda_mcp_proxy.py): the VO's auth
/// configuration at <c>{PanDA}/auth/{vo}_auth_config.json</c> (<c>client_id</c>, optional <c>client_secret</c>,
/// <c>audience</c>, <c>oidc_config_url</c>), the discovery document it names, and that provider's device
/// authorization and token endpoints. Written by hand: the two requests of RFC 8628 and one of RFC 6749 are all a
/// client needs, and the answers (the whole token response) are kept as the provider sent them.
/// </summary>
internal sealed class PandaAuthClient(HttpClient http, string pandaUrl, string vo)
{
    public const string Scope = "openid profile email offline_access";
    private const string DeviceGrant = "urn:ietf:params:oauth:grant-type:device_code";
    private Endpoints? _endpoints;

    /// <summary>Asks for a device code; throws <see cref="LoginException"/> saying why when it cannot.</summary>
    public async Task<DeviceStart> StartDeviceAsync(CancellationToken cancellationToken)
    {
        var endpoints = await EndpointsAsync(cancellationToken);
        if (endpoints.DeviceEndpoint is null)
        {
            throw new LoginException($"The identity provider of VO '{vo}' offers no device login (its discovery document has no device_authorization_endpoint).");
        }
        using var response = await SendAsync(endpoints.DeviceEndpoint, new Dictionary<string, string>
        {
            ["client_id"] = endpoints.ClientId,
            ["scope"] = Scope,
            ["audience"] = endpoints.Audience,
        }, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!response.IsSuccessStatusCode || Text(body, "device_code") is not { } deviceCode)
        {
            throw new LoginException($"The identity provider refused the login request (HTTP {(int)response.StatusCode}{Error(body)}).");
        }
        return new DeviceStart(
            deviceCode,
            Text(body, "user_code") ?? "",
            Text(body, "verification_uri_complete") ?? Text(body, "verification_uri") ?? "",
            body.TryGetProperty("interval", out var interval) && interval.TryGetInt32(out var seconds) && seconds > 0 ? seconds : 5);
    }

    /// <summary>One poll of a device code: the token response, or the OAuth error (authorization_pending, slow_down...).</summary>
    public Task<TokenAnswer> PollDeviceAsync(string deviceCode, CancellationToken cancellationToken) =>
        TokenAsync(endpoints => new()
        {
            ["grant_type"] = DeviceGrant,
            ["device_code"] = deviceCode,
            ["client_id"] = endpoints.ClientId,
        }, cancellationToken);

    /// <summary>A new token response for a refresh token, or the OAuth error.</summary>
    public Task<TokenAnswer> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        TokenAsync(endpoints => new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = endpoints.ClientId,
        }, cancellationToken);

    private async Task<TokenAnswer> TokenAsync(Func<Endpoints, Dictionary<string, string>> form, CancellationToken cancellationToken)
    {
        var endpoints = await EndpointsAsync(cancellationToken);
        var fields = form(endpoints);
        if (endpoints.ClientSecret is { } secret)
        {
            fields["client_secret"] = secret;
        }
        using var response = await SendAsync(endpoints.TokenEndpoint, fields, cancellationToken);
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException)
        {
            return new TokenAnswer(null, $"HTTP {(int)response.StatusCode}, not JSON");
        }
        return response.IsSuccessStatusCode && Text(body, "id_token") is not null
            ? new TokenAnswer(json, null)
            : new TokenAnswer(null, Text(body, "error") ?? $"HTTP {(int)response.StatusCode}");
    }

    /// <summary>Where to log in, read once per process from PanDA's auth configuration and the discovery document it names.</summary>
    private async Task<Endpoints> EndpointsAsync(CancellationToken cancellationToken)
    {
        if (_endpoints is { } known)
        {
            return known;
        }
        var configUrl = $"{pandaUrl.TrimEnd('/')}/auth/{vo}_auth_config.json";
        var config = await GetJsonAsync(configUrl, $"PanDA's auth configuration of VO '{vo}'", cancellationToken);
        var discoveryUrl = Text(config, "oidc_config_url")
            ?? throw new LoginException($"PanDA's auth configuration at {configUrl} names no oidc_config_url.");
        var discovery = await GetJsonAsync(discoveryUrl, "the identity provider's discovery document", cancellationToken);
        return _endpoints = new Endpoints(
            Text(config, "client_id") ?? throw new LoginException($"PanDA's auth configuration at {configUrl} names no client_id."),
            Text(config, "client_secret"),
            Text(config, "audience") ?? "",
            Text(discovery, "device_authorization_endpoint"),
            Text(discovery, "token_endpoint") ?? throw new LoginException($"The discovery document at {discoveryUrl} names no token_endpoint."));
    }

    private async Task<JsonElement> GetJsonAsync(string url, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)
                : throw new LoginException($"{Capital(what)} at {url} answered HTTP {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new LoginException($"{Capital(what)} could not be read from {url} ({e.GetType().Name}: {e.Message.TrimEnd('.')}); check --panda-url (PANDA_SERVER).");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string url, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        try
        {
            return await http.PostAsync(url, new FormUrlEncodedContent(form), cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new LoginException($"The identity provider at {url} could not be reached ({e.Message.TrimEnd('.')}).");
        }
    }

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Error(JsonElement body) => Text(body, "error") is { } error ? $", {error}" : "";

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private sealed record Endpoints(string ClientId, string? ClientSecret, string Audience, string? DeviceEndpoint, string TokenEndpoint);
}

/// <summary>A device code to poll, and what the user opens to approve it.</summary>
internal sealed record DeviceStart(string DeviceCode, string UserCode, string VerificationUrl, int IntervalSeconds);

/// <summary>The whole token response as the provider sent it, or the OAuth error code.</summary>
internal sealed record TokenAnswer(string? ResponseJson, string? Error);

/// <summary>Why logging in (or reaching PanDA's identity side) failed, in one sentence.</summary>
internal sealed class LoginException(string message) : Exception(message);
