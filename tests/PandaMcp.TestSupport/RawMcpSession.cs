using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PandaMcp.Testing;

/// <summary>
/// A 2025-11-25 MCP session driven with plain HTTP, so that a test chooses the gateway of every request, sees
/// every SSE event id, and can drop a stream and resume it elsewhere.
/// </summary>
public sealed class RawMcpSession(HttpClient http, string sessionId, string? authorization)
{
    public const string ProtocolVersion = "2025-11-25";

    /// <summary>The VO sent in Origin with a token.</summary>
    public const string Vo = "atlas";

    public string SessionId { get; } = sessionId;

    /// <summary>Initializes a session at <paramref name="endpoint"/> and confirms it with notifications/initialized.</summary>
    public static async Task<RawMcpSession> StartAsync(HttpClient http, Uri endpoint, string? authorization = null)
    {
        var parameters = new
        {
            protocolVersion = ProtocolVersion,
            capabilities = new { },
            clientInfo = new { name = "raw-test-client", version = "1.0" },
        };
        using var request = NewRequest(HttpMethod.Post, endpoint, authorization, sessionId: null, Body(0, "initialize", parameters));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || !response.Headers.TryGetValues("Mcp-Session-Id", out var ids))
        {
            throw new InvalidOperationException($"initialize answered {(int)response.StatusCode}: {body}");
        }
        var session = new RawMcpSession(http, ids.Single(), authorization);
        using var initialized = await session.SendAsync(endpoint, """{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        if (initialized.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"notifications/initialized answered {(int)initialized.StatusCode}.");
        }
        return session;
    }

    /// <summary>Sends a request and opens its SSE answer (check <see cref="SseStream.Response"/> for the status first).</summary>
    public async Task<SseStream> RequestAsync(Uri endpoint, int id, string method, object? parameters = null)
    {
        using var request = NewRequest(HttpMethod.Post, endpoint, authorization, SessionId, Body(id, method, parameters));
        return await SseStream.OpenAsync(await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
    }

    /// <summary>Sends a request and returns its JSON-RPC response, from whatever the answer's form.</summary>
    public async Task<JsonElement> CallAsync(Uri endpoint, int id, string method, object? parameters = null)
    {
        await using var stream = await RequestAsync(endpoint, id, method, parameters);
        if (stream.Body is { } body)
        {
            return JsonDocument.Parse(body).RootElement.Clone();
        }
        return (await stream.ResponseToAsync(id, TimeSpan.FromSeconds(60))).Response;
    }

    /// <summary>Resumes a stream at <paramref name="endpoint"/> after <paramref name="lastEventId"/>.</summary>
    public Task<SseStream> ResumeAsync(Uri endpoint, string lastEventId) => GetStreamAsync(endpoint, lastEventId);

    /// <summary>Opens the session's GET stream (for messages the server sends on its own).</summary>
    public Task<SseStream> OpenStreamAsync(Uri endpoint) => GetStreamAsync(endpoint, lastEventId: null);

    private async Task<SseStream> GetStreamAsync(Uri endpoint, string? lastEventId)
    {
        using var request = NewRequest(HttpMethod.Get, endpoint, authorization, SessionId, content: null);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        return await SseStream.OpenAsync(await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
    }

    public async Task<HttpResponseMessage> SendAsync(Uri endpoint, string json, HttpMethod? method = null)
    {
        using var request = NewRequest(method ?? HttpMethod.Post, endpoint, authorization, SessionId, json);
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> DeleteAsync(Uri endpoint) => SendAsync(endpoint, "", HttpMethod.Delete);

    private static string Body(int id, string method, object? parameters) =>
        JsonSerializer.Serialize(new { jsonrpc = "2.0", id, method, @params = parameters ?? new { } });

    private static HttpRequestMessage NewRequest(HttpMethod method, Uri endpoint, string? authorization, string? sessionId, string? content)
    {
        var request = new HttpRequestMessage(method, endpoint);
        if (method == HttpMethod.Post && content is not null)
        {
            request.Content = new StringContent(content, Encoding.UTF8, "application/json");
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
        }
        if (authorization is not null)
        {
            // As PanDA's clients send a token: with the VO it is for.
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            request.Headers.TryAddWithoutValidation("Origin", Vo);
        }
        return request;
    }
}
