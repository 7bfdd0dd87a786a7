using System.Collections.Concurrent;
using ModelContextProtocol.Client;

namespace PandaMcp.Clients.Tests;

/// <summary>The stdio bridge as a real process, driven over its stdin and stdout by the SDK's client, as a desktop agent would.</summary>
internal sealed class BridgeProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _stderr = new();

    private BridgeProcess()
    {
    }

    public McpClient Client { get; private set; } = null!;

    /// <summary>What the bridge wrote on stderr so far.</summary>
    public IReadOnlyCollection<string> Stderr => _stderr;

    /// <param name="protocolVersion">The revision the agent asks for; null for the newest.</param>
    /// <param name="more">More of the bridge's command line (<c>--panda-url</c>, <c>--refresh-margin</c>...).</param>
    public static async Task<BridgeProcess> StartAsync(Uri gatewayUrl, string tokenFile, string? protocolVersion = null, params string[] more)
    {
        var bridge = new BridgeProcess();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = DotnetProcess.Host,
            Arguments =
            [
                ClientPrograms.Bridge,
                "--url", gatewayUrl.ToString(),
                "--token-file", tokenFile,
                "--vo", "atlas",
                .. more,
            ],
            StandardErrorLines = bridge._stderr.Enqueue,
        });
        bridge.Client = await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion });
        return bridge;
    }

    /// <summary>Waits (up to 10 s) for a stderr line containing <paramref name="text"/>: stderr arrives on its own schedule.</summary>
    public async Task<string> StderrLineAsync(string text)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(10); waited += TimeSpan.FromMilliseconds(50))
        {
            if (_stderr.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"The bridge wrote no stderr line containing '{text}'. It wrote:\n{string.Join('\n', _stderr)}");
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
