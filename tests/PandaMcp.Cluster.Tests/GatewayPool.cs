namespace PandaMcp.Cluster.Tests;

/// <summary>
/// The gateways a load balancer sends requests to, in turn: a gateway leaves the pool before it is stopped and
/// joins it once ready, as a Kubernetes Service follows its pods' readiness.
/// </summary>
public sealed class GatewayPool(IEnumerable<Uri> endpoints)
{
    private readonly List<Uri> _endpoints = [.. endpoints];
    private int _next;

    public Uri Next()
    {
        lock (_endpoints)
        {
            return _endpoints[_next++ % _endpoints.Count];
        }
    }

    public void Remove(Uri endpoint)
    {
        lock (_endpoints)
        {
            _endpoints.Remove(endpoint);
        }
    }

    public void Add(Uri endpoint)
    {
        lock (_endpoints)
        {
            _endpoints.Add(endpoint);
        }
    }
}
