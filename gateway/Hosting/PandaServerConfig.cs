using Microsoft.Extensions.Configuration.Ini;

namespace PandaMcp.Gateway.Hosting;

/// <summary>
/// PanDA's own configuration file, <c>panda_server.cfg</c>, read with the framework's INI provider so that an
/// operator's existing <c>[mcp]</c> section keeps working. Its keys (<c>mcp:transport</c>,
/// <c>mcp:endpoint_list_file</c>, <c>mcp:ssl_keyfile</c>, <c>mcp:ssl_certfile</c>) are fallbacks: the
/// project's own keys win where both are set.
/// </summary>
public static class PandaServerConfig
{
    /// <summary>The configuration key that names the file.</summary>
    public const string FileKey = "PandaMcp:PandaServerConfigFile";
    public const string DefaultFile = "/opt/panda/etc/panda/panda_server.cfg";

    public const string Transport = "mcp:transport";
    public const string EndpointListFile = "mcp:endpoint_list_file";
    public const string CertificateFile = "mcp:ssl_certfile";
    public const string KeyFile = "mcp:ssl_keyfile";

    public static WebApplicationBuilder AddPandaServerConfig(this WebApplicationBuilder builder)
    {
        var file = builder.Configuration[FileKey] is { Length: > 0 } configured ? configured : DefaultFile;
        var explicitlyNamed = builder.Configuration[FileKey] is { Length: > 0 };
        if (explicitlyNamed && !File.Exists(file))
        {
            throw new FileNotFoundException($"The PanDA configuration file {file} named by {FileKey} does not exist.", file);
        }
        // Inserted first, so that appsettings, environment and command line all override it.
        var source = new IniConfigurationSource { Path = Path.GetFullPath(file), Optional = !explicitlyNamed };
        source.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, source);
        return builder;
    }

    /// <summary>The value of <paramref name="ownKey"/>, else of the PanDA key, else null.</summary>
    public static string? Either(IConfiguration configuration, string ownKey, string pandaKey) =>
        configuration[ownKey] is { Length: > 0 } own ? own : configuration[pandaKey] is { Length: > 0 } panda ? panda : null;
}
