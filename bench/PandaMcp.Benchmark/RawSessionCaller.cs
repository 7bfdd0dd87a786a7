using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PandaMcp.Contracts;

namespace PandaMcp.Benchmark;

/// <summary>
/// A minimal 2025-11-25 MCP client with a session: <c>initialize</c> and <c>notifications/initialized</c> once,
/// then each call is one POST of a prepared <c>tools/call</c> with the session's id, sent to the next endpoint in
/// turn (gateways behind a load balancer without sticky sessions). The session ends with a DELETE. As cheap for
/// the load generator as <see cref="RawMcpCaller"/>, so that sessions and stateless calls compare fairly.
/// </summary>
public sealed class RawSessionCaller : ICaller
{
    public const string Version = "2025-11-25";

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly PandaCredentials _credentials;
    private readonly string _sessionId;
    private readonly string _callAfterId;
    private long _requestId;

    private RawSessionCaller(HttpClient http, IReadOnlyList<Uri> endpoints, PandaCredentials credentials, string sessionId, string callAfterId)
    {
        _http = http;
        _endpoints = endpoints;
        _credentials = credentials;
        _sessionId = sessionId;
        _callAfterId = callAfterId;
    }

    public string Protocol => $"MCP {Version}, a session per connection"
        + (_endpoints.Count > 1 ? $", requests alternating over {_endpoints.Count} gateways" : "");

    /// <summary>The session's id, as the first endpoint minted it.</summary>
    public string SessionId => _sessionId;

    public static async Task<RawSessionCaller> StartAsync(
        IReadOnlyList<Uri> endpoints, string tool, IReadOnlyDictionary<string, JsonElement> arguments, PandaCredentials credentials,
        CancellationToken cancellationToken)
    {
        var http = new HttpClient();
        try
        {
            var initialize = JsonSerializer.Serialize(new
            {
                jsonrpc = "2.0",
                id = 0,
                method = "initialize",
                @params = new { protocolVersion = Version, capabilities = new { }, clientInfo = new { name = "panda-mcp-benchmark", version = "1.0" } },
            });
            using var request = NewRequest(HttpMethod.Post, endpoints[0], credentials, sessionId: null, initialize);
            using var response = await http.SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode || !response.Headers.TryGetValues("Mcp-Session-Id", out var ids))
            {
                throw new BenchmarkFailedException($"initialize at {endpoints[0]} answered {(int)response.StatusCode}: {answer}");
            }
            // Everything of a tools/call after its id, so that each call only writes its own id in front.
            var call = JsonSerializer.Serialize(new { method = "tools/call", @params = new { name = tool, arguments } });
            var caller = new RawSessionCaller(http, endpoints, credentials, ids.Single(), call[1..]);
            using var initialized = NewRequest(HttpMethod.Post, endpoints[0], credentials, caller._sessionId,
                """{"jsonrpc":"2.0","method":"notifications/initialized"}""");
            using var confirmation = await http.SendAsync(initialized, cancellationToken);
            if (confirmation.StatusCode != HttpStatusCode.Accepted)
            {
                throw new BenchmarkFailedException($"notifications/initialized at {endpoints[0]} answered {(int)confirmation.StatusCode}.");
            }
            return caller;
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public async Task<string?> CallAsync()
    {
        // Each request its own id: a session's SSE stream is named by the request id, and a stream ends with its answer.
        var id = Interlocked.Increment(ref _requestId);
        var endpoint = _endpoints[(int)(id % _endpoints.Count)];
        using var request = NewRequest(HttpMethod.Post, endpoint, _credentials, _sessionId, $$"""{"jsonrpc":"2.0","id":{{id}},{{_callAfterId}}""");
        using var response = await _http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            return $"HTTP {(int)response.StatusCode} from {endpoint}: {answer}";
        }
        return RawMcpMessages.FailureOf(answer);
    }

    /// <summary>Opens a stream again after <paramref name="lastEventId"/> (GET with Last-Event-ID) at <paramref name="endpoint"/>.</summary>
    public async Task<HttpResponseMessage> ResumeAsync(Uri endpoint, string lastEventId, CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get, endpoint, _credentials, _sessionId, content: null);
        request.Headers.Add("Last-Event-ID", lastEventId);
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>
    /// Holds the session's GET stream open (what the server sends on its own) until <paramref name="cancellationToken"/>,
    /// opening it again on the next ready gateway whenever it ends or breaks, as a client does when its gateway goes.
    /// </summary>
    public async Task ListenAsync(CancellationToken cancellationToken)
    {
        for (var opened = 0; !cancellationToken.IsCancellationRequested; opened++)
        {
            try
            {
                using var request = NewRequest(HttpMethod.Get, _endpoints[opened], _credentials, _sessionId, content: null);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // The gateway stopped or died under the stream: open it again below.
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Ends the session, so that sessions of earlier windows do not count against the identity's limit.
        using var end = NewRequest(HttpMethod.Delete, _endpoints[0], _credentials, _sessionId, content: null);
        try
        {
            using var response = await _http.SendAsync(end);
        }
        catch (HttpRequestException)
        {
            // The gateway is gone (the run is ending): the session expires by itself.
        }
        _http.Dispose();
    }

    private static HttpRequestMessage NewRequest(HttpMethod method, Uri endpoint, PandaCredentials credentials, string? sessionId, string? content)
    {
        var request = new HttpRequestMessage(method, endpoint);
        if (content is not null)
        {
            request.Content = new StringContent(content, Encoding.UTF8, "application/json");
        }
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", Version);
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
        }
        RawMcpMessages.AddCredentials(request, credentials);
        return request;
    }
}
