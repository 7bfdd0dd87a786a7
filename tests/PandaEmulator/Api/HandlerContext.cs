using PandaMcp.Catalog;
using PandaEmulator.Auth;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Api;

/// <summary>One validated call as a handler sees it: the bound arguments (cast as PanDA casts them), the caller, the data.</summary>
internal sealed class HandlerContext(PandaEndpoint endpoint, PyDict arguments, Caller caller, World world, RequestInfo request, TimeProvider time)
{
    public PandaEndpoint Endpoint { get; } = endpoint;

    /// <summary>Every parameter of the signature, in order, defaults applied.</summary>
    public PyDict Arguments { get; } = arguments;

    public Caller Caller { get; } = caller;

    public World World { get; } = world;

    public RequestInfo Request { get; } = request;

    /// <summary>Now, as PanDA's naive UTC datetimes (microsecond precision, no time zone).</summary>
    public DateTime Now
    {
        get
        {
            var ticks = time.GetUtcNow().UtcTicks;
            return new DateTime(ticks - ticks % 10, DateTimeKind.Unspecified);
        }
    }

    public object? this[string name] => Arguments[name];

    /// <summary>An int argument as a long; null when None (or an int too big to be an id).</summary>
    public long? Long(string name) => PyOps.AsLong(Arguments[name]);

    public string? String(string name) => Arguments[name] as string;

    public bool Truthy(string name) => PyOps.Truthy(Arguments[name]);

    public IReadOnlyList<long> LongList(string name) =>
        Arguments[name] is PyList list ? list.Select(PyOps.AsLong).Where(v => v is not null).Select(v => v!.Value).ToList() : [];

    /// <summary>The caller's compact name as PanDA writes it into its records (the DN's user part).</summary>
    public string UserName => Caller.UserName ?? Caller.Dn ?? "";
}
