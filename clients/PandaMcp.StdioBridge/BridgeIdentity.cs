using System.Reflection;
using ModelContextProtocol.Protocol;

namespace PandaMcp.StdioBridge;

/// <summary>How the bridge names itself: to the agent as a server, to the gateway as a client, and on stderr.</summary>
internal static class BridgeIdentity
{
    public const string Name = "panda-mcp-bridge";

    public static string Version { get; } =
        typeof(BridgeIdentity).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static Implementation Implementation => new() { Name = Name, Title = "PanDA MCP (stdio bridge)", Version = Version };
}
