using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using PandaEmulator;

namespace PandaMcp.Cluster.Tests;

/// <summary>The 2024-11-05 HTTP+SSE transport (PanDA's <c>transport = sse</c>) across gateways.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LegacySseTests(SplitClusterFixture cluster)
{
    [Fact]
    public async Task AnSseClient_WhosePostsReachAnotherGateway_GetsItsAnswersOnItsStream()
    {
        var routing = new StreamHereMessagesThere(cluster.Gateways[0].Address, cluster.Gateways[1].Address);
        using var http = new HttpClient(routing);
        http.DefaultRequestHeaders.Authorization = new("Bearer", TokenIssuer.Mint("alice"));
        http.DefaultRequestHeaders.Add("Origin", "atlas");
        var before = await cluster.EmulatorCallsAsync("metaconfig/get_resource_types");
        await using (var client = await McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(cluster.Gateways[0].Address, "/sse"), TransportMode = HttpTransportMode.Sse }, http),
            new McpClientOptions { ProtocolVersion = "2024-11-05" }))
        {
            var tools = await client.ListToolsAsync();
            var result = await client.CallToolAsync("metaconfig_get_resource_types");

            Assert.Contains(tools, t => t.Name == "metaconfig_get_resource_types");
            Assert.True(result.IsError is not true, string.Join(' ', result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        }

        Assert.Equal(before + 1, await cluster.EmulatorCallsAsync("metaconfig/get_resource_types"));
        Assert.Equal(1, routing.StreamsOpened);
        Assert.True(routing.MessagesPosted >= 3, $"{routing.MessagesPosted} POSTs");
    }

    /// <summary>Opens the stream at one gateway and sends every POST to another.</summary>
    private sealed class StreamHereMessagesThere(Uri streamGateway, Uri messageGateway) : DelegatingHandler(new SocketsHttpHandler())
    {
        public int StreamsOpened;
        public int MessagesPosted;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var isPost = request.Method == HttpMethod.Post;
            Interlocked.Increment(ref isPost ? ref MessagesPosted : ref StreamsOpened);
            var target = isPost ? messageGateway : streamGateway;
            request.RequestUri = new UriBuilder(request.RequestUri!) { Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
