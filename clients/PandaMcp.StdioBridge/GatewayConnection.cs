using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using PandaMcp.Clients;
using PandaMcp.Contracts;

namespace PandaMcp.StdioBridge;

/// <summary>
/// The MCP client to the gateway, connected at the first forwarded request rather than at start, so that the
/// agent's handshake succeeds while the gateway is down and each request says what is wrong. A client whose
/// requests fail below MCP is forgotten, and the next request connects afresh (a restarted server may have
/// dropped the session of a 2025-era connection).
/// </summary>
internal sealed partial class GatewayConnection(
    IHttpClientFactory httpClients,
    IOptions<BridgeOptions> options,
    ILoggerFactory loggerFactory,
    ILogger<GatewayConnection> logger) : IAsyncDisposable
{
    public const string HttpClientName = "gateway";

    private readonly Uri _url = new(options.Value.Url);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private McpClient? _client;

    public Uri Url => _url;

    /// <exception cref="McpException">The gateway cannot be reached; the message says so in words for the agent.</exception>
    public async Task<McpClient> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _client ??= await ConnectAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops <paramref name="client"/> if it is still the current one; the next request connects again.</summary>
    public async Task ForgetAsync(McpClient client)
    {
        await _gate.WaitAsync();
        try
        {
            if (!ReferenceEquals(_client, client))
            {
                return;
            }
            _client = null;
        }
        finally
        {
            _gate.Release();
        }
        await client.DisposeAsync();
    }

    private async Task<McpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = _url, TransportMode = HttpTransportMode.StreamableHttp, Name = HttpClientName },
            httpClients.CreateClient(HttpClientName),
            loggerFactory,
            ownsHttpClient: true);
        try
        {
            var client = await McpClient.CreateAsync(
                transport,
                new McpClientOptions { ClientInfo = BridgeIdentity.Implementation },
                loggerFactory,
                cancellationToken);
            LogConnected(_url, client.NegotiatedProtocolVersion ?? "unknown");
            return client;
        }
        // Whatever stops the connection (refused, TLS, not an MCP endpoint, timeout), the agent gets it as one sentence.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = OneLine.Of(e);
            LogConnectFailed(_url, reason);
            throw new McpException($"The PanDA MCP gateway at {_url} cannot be reached: {reason}. Check the bridge's --url and that the gateway runs.", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            await client.DisposeAsync();
        }
        _gate.Dispose();
    }

    [LoggerMessage(EventId = LogEvents.BridgeConnected, Level = LogLevel.Information, Message = "Connected to the gateway at {Url} (protocol {ProtocolVersion}).")]
    private partial void LogConnected(Uri url, string protocolVersion);

    [LoggerMessage(EventId = LogEvents.BridgeConnectFailed, Level = LogLevel.Warning, Message = "The gateway at {Url} cannot be reached: {Reason}")]
    private partial void LogConnectFailed(Uri url, string reason);
}
