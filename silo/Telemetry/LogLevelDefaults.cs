using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace PandaMcp.Silo.Telemetry;

/// <summary>
/// The log levels a gateway or silo runs with when nothing is configured: the project's own lines at Information
/// (start-up summary, refusals, failures), the frameworks' (ASP.NET Core, HttpClient, Orleans, Polly, the MCP SDK)
/// at Warning, so that no request writes a line. Out of the box ASP.NET Core, Orleans' placement pipeline and the
/// SDK each log every request at Information: about 16 lines per tool call, and a third of the rate. Inserted as
/// the lowest configuration source, wherever the process runs from, so that appsettings files, environment
/// variables (<c>Logging__LogLevel__Orleans=Information</c>) and the command line override each level.
/// </summary>
public static class LogLevelDefaults
{
    private static readonly Dictionary<string, string?> Levels = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft"] = "Warning",
        ["Logging:LogLevel:System"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:ModelContextProtocol"] = "Warning",
    };

    /// <summary>The configuration keys (<c>Logging:LogLevel:…</c>) that set every category above to <paramref name="level"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> AllAt(string level) =>
        Levels.Keys.Select(key => KeyValuePair.Create(key, level));

    public static IHostApplicationBuilder AddPandaLogLevelDefaults(this IHostApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
        return builder;
    }
}
