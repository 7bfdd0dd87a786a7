using System.CommandLine;

namespace PandaMcp.StdioBridge;

/// <summary>The bridge's command line; each option falls back to an environment variable, then to a default.</summary>
internal sealed class BridgeCommand
{
    public const string UrlVariable = "PANDA_MCP_URL";
    public const string TokenFileVariable = "PANDA_ID_TOKEN_FILE";
    public const string VoVariable = "PANDA_AUTH_VO";
    public const string PandaUrlVariable = "PANDA_SERVER";

    /// <summary>Where PanDA's own token scripts look by default, as PANDA_SERVER's default.</summary>
    public const string DefaultPandaUrl = "https://pandaserver.cern.ch:25443";

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

    private readonly Option<string> _pandaUrl = new("--panda-url")
    {
        Description = $"PanDA's server, whose auth configuration names the identity provider to log in and refresh with (env {PandaUrlVariable})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PandaUrlVariable) is { Length: > 0 } url ? url : DefaultPandaUrl,
    };

    private readonly Option<double> _refreshMargin = new("--refresh-margin")
    {
        Description = "Seconds before the ID token expires when it is refreshed, if the token file holds a refresh token (300)",
        DefaultValueFactory = _ => 300,
    };

    /// <param name="run">What to do with the options of a valid command line; its result is the exit code.</param>
    /// <param name="login">What <c>login</c> does with its options.</param>
    public static RootCommand Create(Func<BridgeOptions, CancellationToken, Task<int>> run, Func<BridgeOptions, CancellationToken, Task<int>> login) =>
        new BridgeCommand().Build(run, login);

    private RootCommand Build(Func<BridgeOptions, CancellationToken, Task<int>> run, Func<BridgeOptions, CancellationToken, Task<int>> login)
    {
        var loginCommand = new Command("login",
            "Log in to PanDA with the device flow, as PanDA's get_panda_token does: open the URL it prints, approve, and the token "
            + "response (ID and refresh token) is written to the token file, readable by you only.")
        {
            _tokenFile, _vo, _pandaUrl,
        };
        loginCommand.SetAction((parse, cancellationToken) => login(Options(parse), cancellationToken));
        var root = new RootCommand(
            "MCP over stdio for desktop agents, forwarded to a PanDA MCP gateway over Streamable HTTP with the caller's ID token, "
            + "refreshed before it expires. stdout carries the protocol; messages go to stderr.")
        {
            _url, _tokenFile, _vo, _caBundle, _pandaUrl, _refreshMargin, loginCommand,
        };
        root.SetAction((parse, cancellationToken) => run(Options(parse), cancellationToken));
        return root;
    }

    private BridgeOptions Options(ParseResult parse) => new()
    {
        Url = parse.GetValue(_url)!,
        TokenFile = ExpandHome(parse.GetValue(_tokenFile)!),
        Vo = parse.GetValue(_vo),
        CaBundle = parse.GetValue(_caBundle) is { } bundle ? ExpandHome(bundle) : null,
        PandaUrl = parse.GetValue(_pandaUrl)!,
        RefreshMargin = TimeSpan.FromSeconds(parse.GetValue(_refreshMargin)),
    };

    /// <summary>Desktop agents start the bridge without a shell, so nothing else expands <c>~</c> in their configuration.</summary>
    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
}
