using System.Net;
using System.Net.Sockets;

namespace PandaMcp.Benchmark;

/// <summary>A loopback port nobody listens on now, so that a run never collides with servers already running.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
