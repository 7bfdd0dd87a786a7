using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PandaMcp.Contracts;

namespace PandaMcp.Benchmark;

/// <summary>
/// A real MCP client (the C# SDK's, over Streamable HTTP, with a connection of its own) calling one tool with the
/// caller's headers, as an agent would.
/// </summary>
public sealed class McpToolCaller : ICaller
{
    private readonly McpClient _client;
    private readonly string _tool;
    private readonly IReadOnlyDictionary<string, object?> _arguments;

    private McpToolCaller(McpClient client, string tool, IReadOnlyDictionary<string, object?> arguments)
    {
        _client = client;
        _tool = tool;
        _arguments = arguments;
    }

    /// <param name="endpoints">The first for the connection; requests go to each in turn (one endpoint: all to it).</param>
    /// <param name="protocolVersion">Null lets the client negotiate the newest revision (2026-07-28, stateless).</param>
    public static async Task<ICaller> ConnectAsync(
        IReadOnlyList<Uri> endpoints,
        string tool,
        IReadOnlyDictionary<string, JsonElement> arguments,
        PandaCredentials credentials,
        string? protocolVersion,
        CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>();
        if (credentials.Authorization is { } authorization)
        {
            headers["Authorization"] = authorization;
        }
        if (credentials.Origin is { } origin)
        {
            headers["Origin"] = origin;
        }
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions
            {
                Endpoint = endpoints[0],
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = headers,
            },
            new HttpClient(new AlternatingEndpoints(endpoints)),
            ownsHttpClient: true);
        var client = await McpClient.CreateAsync(
            transport, new McpClientOptions { ProtocolVersion = protocolVersion }, cancellationToken: cancellationToken);
        return new McpToolCaller(client, tool, arguments.ToDictionary(a => a.Key, a => (object?)a.Value));
    }

    public string Protocol => $"MCP {_client.NegotiatedProtocolVersion}";

    public async Task<string?> CallAsync()
    {
        var result = await _client.CallToolAsync(_tool, _arguments);
        return result.IsError == true
            ? $"tool error: {string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text))}"
            : null;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
