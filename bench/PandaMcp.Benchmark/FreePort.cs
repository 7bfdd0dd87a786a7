using System.Net;
using System.Net.Sockets;

namespace PandaMcp.Benchmark;

/// <summary>A loopback port nobody listens on now, so that a run never collides with servers already running.</summary>
public static class FreePort
{
    // Below Linux's ephemeral range (32768 and up by default): a port from that range, free when picked, can be
    // taken as the source port of an outgoing connection before the server that is to listen on it binds it
    // (a gateway that hosts no silo joins the cluster, with many connections, before it listens).
    private const int Lowest = 20_000;
    private const int AboveHighest = 32_768;

    public static int Next()
    {
        while (true)
        {
            var port = Random.Shared.Next(Lowest, AboveHighest);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: try another.
            }
        }
    }
}
