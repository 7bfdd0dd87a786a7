using System.Net;

namespace PandaMcp.Gateway.Security;

/// <summary>The <c>;</c>-separated addresses and networks of <see cref="SecurityOptions.TrustedProxies"/>.</summary>
public static class TrustedProxies
{
    /// <summary>Each entry as a network (an address is a network of one); throws <see cref="FormatException"/> naming a bad entry.</summary>
    public static IReadOnlyList<IPNetwork> Parse(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseOne).ToList();

    private static IPNetwork ParseOne(string entry)
    {
        if (IPNetwork.TryParse(entry, out var network))
        {
            return network;
        }
        if (IPAddress.TryParse(entry, out var address))
        {
            return new IPNetwork(address, address.GetAddressBytes().Length * 8);
        }
        throw new FormatException($"'{entry}' is neither an IP address nor a network such as 10.0.0.0/8.");
    }
}
