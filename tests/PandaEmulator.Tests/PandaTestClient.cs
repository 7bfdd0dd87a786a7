using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PandaEmulator.Tests;

/// <summary>Calls the emulator as PanDA's clients do, with or without a token, asking for JSON or not.</summary>
public sealed class PandaTestClient(RunningEmulator emulator) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = emulator.Address, Timeout = TimeSpan.FromSeconds(20) };

    public static string Token(string user = "alice", bool production = false) => TokenIssuer.Mint(user, production: production);

    public HttpClient Http => _http;

    /// <summary>A GET; <paramref name="json"/> sends Accept: application/json.</summary>
    public Task<PandaAnswer> GetAsync(string route, string query = "", string? token = null, string origin = "atlas", bool json = true) =>
        SendAsync(Request(HttpMethod.Get, route, query, token, origin, json));

    /// <summary>A JSON POST as PanDA's HttpClient sends it (Content-Type and Accept application/json).</summary>
    public Task<PandaAnswer> PostJsonAsync(string route, object body, string? token = null, string origin = "atlas")
    {
        var request = Request(HttpMethod.Post, route, "", token, origin, json: true);
        request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return SendAsync(request);
    }

    public HttpRequestMessage Request(HttpMethod method, string route, string query = "", string? token = null, string origin = "atlas", bool json = true)
    {
        var request = new HttpRequestMessage(method, $"/api/v1/{route}{(query.Length > 0 ? "?" + query : "")}");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        if (json)
        {
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
        }
        return request;
    }

    public async Task<PandaAnswer> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new PandaAnswer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
    }

    public void Dispose() => _http.Dispose();
}
