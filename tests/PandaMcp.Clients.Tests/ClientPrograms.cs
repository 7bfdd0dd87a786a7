using System.Reflection;

namespace PandaMcp.Clients.Tests;

/// <summary>Where the built clients are (recorded by the project file), to run them as <c>dotnet &lt;dll&gt;</c>.</summary>
internal static class ClientPrograms
{
    public static string TestClient { get; } = PathOf("panda-mcp-test-client");

    public static string Bridge { get; } = PathOf("panda-mcp-bridge");

    private static string PathOf(string assemblyName) =>
        typeof(ClientPrograms).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == assemblyName).Value!;
}
