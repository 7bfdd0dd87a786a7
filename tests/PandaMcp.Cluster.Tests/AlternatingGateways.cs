namespace PandaMcp.Cluster.Tests;

/// <summary>
/// Sends each request to the next gateway in turn, as a load balancer without sticky sessions does: the
/// requests of one MCP session land on every gateway. Counts the requests each gateway received.
/// </summary>
public sealed class AlternatingGateways(IReadOnlyList<Uri> gateways) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _next = -1;
    private readonly int[] _counts = new int[gateways.Count];

    public IReadOnlyList<int> RequestsPerGateway => _counts;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var index = (int)((uint)Interlocked.Increment(ref _next) % (uint)gateways.Count);
        Interlocked.Increment(ref _counts[index]);
        var target = gateways[index];
        request.RequestUri = new UriBuilder(request.RequestUri!) { Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
