using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PandaMcp.Contracts;

namespace PandaMcp.Benchmark;

/// <summary>
/// A minimal 2026-07-28 MCP client: each call is one self-contained POST of a prepared <c>tools/call</c>, as a
/// stateless client sends it, with no SDK client around it, to each endpoint in turn (a load balancer). It costs the
/// load generator far less CPU than the SDK client, so on a shared machine the figures show more of the server's own
/// cost (as a load tool like autocannon would).
/// </summary>
public sealed class RawMcpCaller : ICaller
{
    private const string Version = "2026-07-28";
    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _endpoints;
    private readonly byte[] _body;
    private readonly string _tool;
    private readonly PandaCredentials _credentials;

    public RawMcpCaller(IReadOnlyList<Uri> endpoints, string tool, IReadOnlyDictionary<string, JsonElement> arguments, PandaCredentials credentials)
    {
        _endpoints = endpoints;
        _http = new HttpClient(new AlternatingEndpoints(endpoints));
        _tool = tool;
        _credentials = credentials;
        _body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "tools/call",
            ["params"] = new Dictionary<string, object>
            {
                ["name"] = tool,
                ["arguments"] = arguments,
                ["_meta"] = new Dictionary<string, object>
                {
                    ["io.modelcontextprotocol/protocolVersion"] = Version,
                    ["io.modelcontextprotocol/clientCapabilities"] = new Dictionary<string, object>(),
                },
            },
        });
    }

    public string Protocol => $"MCP {Version}, one POST per call"
        + (_endpoints.Count > 1 ? $", alternating over {_endpoints.Count} gateways" : "");

    public async Task<string?> CallAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoints[0]) { Content = new ByteArrayContent(_body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.Add("MCP-Protocol-Version", Version);
        request.Headers.Add("Mcp-Method", "tools/call");
        request.Headers.Add("Mcp-Name", _tool);
        RawMcpMessages.AddCredentials(request, _credentials);
        using var response = await _http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            return $"HTTP {(int)response.StatusCode}: {answer}";
        }
        return RawMcpMessages.FailureOf(answer);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}
