using System.CommandLine;

namespace PandaMcp.StdioBridge;

/// <summary>The bridge's command line; each option falls back to an environment variable, then to a default.</summary>
internal sealed class BridgeCommand
{
    public const string UrlVariable = "PANDA_MCP_URL";
    public const string TokenFileVariable = "PANDA_ID_TOKEN_FILE";
    public const string VoVariable = "PANDA_AUTH_VO";

    private readonly Option<string> _url = new("--url")
    {
        Description = $"The gateway's MCP endpoint (env {UrlVariable})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url ? url : "http://localhost:25888/mcp/",
    };

    private readonly Option<string> _tokenFile = new("--token-file")
    {
        Description = $"The ID token file, raw or get_panda_token's JSON; read again when it changes (env {TokenFileVariable})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(TokenFileVariable) is { Length: > 0 } file ? file : "~/.panda_id_token",
    };

    private readonly Option<string> _vo = new("--vo")
    {
        Description = $"The VO sent as Origin: atlas, atlas:production... (env {VoVariable})",
        // PanDA's own proxy and wrapper default to atlas too.
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(VoVariable) is { Length: > 0 } vo ? vo : "atlas",
    };

    private readonly Option<string?> _caBundle = new("--ca-bundle")
    {
        Description = "PEM file of the CAs to trust for an https gateway (default: the system's)",
    };

    /// <param name="run">What to do with the options of a valid command line; its result is the exit code.</param>
    public static RootCommand Create(Func<BridgeOptions, CancellationToken, Task<int>> run) => new BridgeCommand().Build(run);

    private RootCommand Build(Func<BridgeOptions, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand(
            "MCP over stdio for desktop agents, forwarded to a PanDA MCP gateway over Streamable HTTP with the caller's ID token. "
            + "stdout carries the protocol; messages go to stderr.")
        {
            _url, _tokenFile, _vo, _caBundle,
        };
        root.SetAction((parse, cancellationToken) => run(
            new BridgeOptions
            {
                Url = parse.GetValue(_url)!,
                TokenFile = ExpandHome(parse.GetValue(_tokenFile)!),
                Vo = parse.GetValue(_vo),
                CaBundle = parse.GetValue(_caBundle) is { } bundle ? ExpandHome(bundle) : null,
            },
            cancellationToken));
        return root;
    }

    /// <summary>Desktop agents start the bridge without a shell, so nothing else expands <c>~</c> in their configuration.</summary>
    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
