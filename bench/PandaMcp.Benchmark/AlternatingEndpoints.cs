namespace PandaMcp.Benchmark;

/// <summary>
/// Sends each request to the next endpoint in turn, as a load balancer without sticky sessions does, so that the
/// requests of one session made by the SDK client land on every gateway.
/// </summary>
public sealed class AlternatingEndpoints(IReadOnlyList<Uri> endpoints) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _next = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = endpoints[(int)((uint)Interlocked.Increment(ref _next) % (uint)endpoints.Count)];
        request.RequestUri = new UriBuilder(request.RequestUri!) { Host = target.Host, Port = target.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
