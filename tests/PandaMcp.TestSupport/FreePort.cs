using System.Net;
using System.Net.Sockets;

namespace PandaMcp.Testing;

/// <summary>
/// A loopback port nobody listens on now, for servers that tests and benchmarks start (Orleans needs real ports).
/// </summary>
public static class FreePort
{
    // Below Linux's ephemeral range (32768 and up by default): a port from that range, free when picked, can be taken
    // as the source port of an outgoing connection before the server that is to listen on it binds it (CI saw a silo
    // fail with "address already in use" that way).
    private const int Lowest = 20_000;
    private const int AboveHighest = 32_768;

    // A port handed out is not listened on until its server starts, so a later pick could find it free again.
    // Other test processes pick at random from the same range: a clash needs the same port picked by both in the
    // moment before its server binds it.
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        lock (HandedOut)
        {
            while (true)
            {
                var port = Random.Shared.Next(Lowest, AboveHighest);
                if (HandedOut.Contains(port) || !IsFree(port))
                {
                    continue;
                }

                HandedOut.Add(port);
                return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
