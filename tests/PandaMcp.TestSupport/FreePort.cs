using System.Net;
using System.Net.Sockets;

namespace PandaMcp.Testing;

/// <summary>A loopback port nobody listens on now: Orleans needs real ports, and tests run side by side.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
