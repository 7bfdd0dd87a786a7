using System.Collections;

namespace PandaMcp.Benchmark;

/// <summary>
/// The gateways a load balancer sends requests to: the ready ones. A gateway is added once ready and removed
/// before it is stopped, as Kubernetes takes a pod out of a Service's endpoints. Callers read it as a list whose
/// index wraps around the list as it is at that moment, so that an index taken before a change still names a gateway.
/// </summary>
public sealed class ReadyGateways(IEnumerable<Uri> ready) : IReadOnlyList<Uri>
{
    private readonly Lock _changes = new();
    private volatile Uri[] _ready = ready.ToArray();

    public Uri this[int index]
    {
        get
        {
            var ready = _ready;
            return ready[(int)((uint)index % (uint)ready.Length)];
        }
    }

    public int Count => _ready.Length;

    public void Add(Uri gateway)
    {
        lock (_changes)
        {
            _ready = [.. _ready, gateway];
        }
    }

    public void Remove(Uri gateway)
    {
        lock (_changes)
        {
            _ready = _ready.Where(ready => ready != gateway).ToArray();
        }
    }

    public IEnumerator<Uri> GetEnumerator() => ((IEnumerable<Uri>)_ready).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
