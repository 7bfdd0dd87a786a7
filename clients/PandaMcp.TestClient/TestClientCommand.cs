using System.CommandLine;
using System.CommandLine.Parsing;

namespace PandaMcp.TestClient;

/// <summary>
/// The command line of PanDA's <c>mcp_test_client.py</c> (option names, defaults, <c>--no-use_http</c>), plus
/// <c>--url</c> for an MCP endpoint at a path of its own.
/// </summary>
internal sealed class TestClientCommand
{
    private const string StreamableHttp = "streamable-http";
    private const string Sse = "sse";
    private const string UseHttpName = "--use_http";
    private const string NoUseHttpName = "--no-use_http";

    private readonly Option<string> _transport = new("--transport")
    {
        Description = "Transport to use: streamable-http or sse",
        DefaultValueFactory = _ => StreamableHttp,
    };

    private readonly Option<string> _host = new("--host")
    {
        Description = "PanDA server host",
        DefaultValueFactory = _ => "localhost",
    };

    private readonly Option<int> _port = new("--port")
    {
        Description = "PanDA server port",
        DefaultValueFactory = _ => 25443,
    };

    private readonly Option<bool> _useHttp = new(UseHttpName)
    {
        Description = "Use HTTP instead of HTTPS (--no-use_http turns it off again; the last one wins)",
        Arity = ArgumentArity.Zero,
    };

    private readonly Option<bool> _noUseHttp = new(NoUseHttpName) { Arity = ArgumentArity.Zero, Hidden = true };

    private readonly Option<string?> _token = new("--token")
    {
        Description = "OIDC ID token, sent as Authorization: Bearer and X-Auth-Token",
    };

    private readonly Option<string?> _vo = new("--vo")
    {
        Description = "Virtual organisation, sent as Origin (atlas, atlas:production...)",
    };

    private readonly Option<string> _tool = new("--tool")
    {
        Description = "The tool to call, with or without its module prefix (is_alive finds system_is_alive)",
        DefaultValueFactory = _ => "is_alive",
    };

    private readonly Option<string?> _caBundle = new("--ca-bundle")
    {
        Description = "PEM file of the CAs to trust for https (default: the system's)",
    };

    private readonly Option<string[]> _keyValues = new("--kv")
    {
        Description = "A tool argument; repeat for more. True/False become booleans, whole numbers become numbers "
            + "where the tool's schema allows them, anything else is a string",
        HelpName = "KEY=VAL",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string?> _url = new("--url")
    {
        Description = "The MCP endpoint URL itself; replaces --host, --port, --use_http and the transport's path",
    };

    /// <param name="run">What to do with a valid command line; its result is the exit code.</param>
    public static RootCommand Create(Func<TestClientSettings, CancellationToken, Task<int>> run) => new TestClientCommand().Build(run);

    private RootCommand Build(Func<TestClientSettings, CancellationToken, Task<int>> run)
    {
        _transport.AcceptOnlyFromAmong(StreamableHttp, Sse);
        _keyValues.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.IndexOf('=') <= 0))
            {
                result.AddError($"invalid --kv value '{token.Value}', expected KEY=VALUE");
            }
        });
        _url.Validators.Add(result =>
        {
            if (result.Tokens is [var token, ..] && AbsoluteHttpUrl(token.Value) is null)
            {
                result.AddError($"--url must be an absolute http or https URL, not '{token.Value}'");
            }
        });
        var root = new RootCommand("Connects to a PanDA MCP server, lists its tools, calls one and prints the result.")
        {
            _transport, _host, _port, _useHttp, _noUseHttp, _token, _vo, _tool, _caBundle, _keyValues, _url,
        };
        root.SetAction((parse, cancellationToken) => run(Settings(parse), cancellationToken));
        return root;
    }

    private TestClientSettings Settings(ParseResult parse)
    {
        var sse = parse.GetValue(_transport) == Sse;
        var endpoint = AbsoluteHttpUrl(parse.GetValue(_url)) ?? new UriBuilder(
            UsesHttp(parse) ? Uri.UriSchemeHttp : Uri.UriSchemeHttps,
            parse.GetValue(_host),
            parse.GetValue(_port),
            sse ? "/sse" : "/mcp/").Uri;
        var arguments = (parse.GetValue(_keyValues) ?? [])
            .Select(item => item.Split('=', 2))
            // PanDA's client strips the value (not the key) too.
            .Select(parts => new KeyValuePair<string, string>(parts[0], parts[1].Trim()))
            .ToList();
        return new TestClientSettings(
            sse, endpoint, parse.GetValue(_token), parse.GetValue(_vo), parse.GetValue(_tool)!, parse.GetValue(_caBundle), arguments);
    }

    /// <summary>argparse's BooleanOptionalAction: the last of --use_http and --no-use_http wins.</summary>
    private static bool UsesHttp(ParseResult parse) =>
        parse.Tokens.LastOrDefault(t => t.Type == TokenType.Option && t.Value is UseHttpName or NoUseHttpName)?.Value == UseHttpName;

    private static Uri? AbsoluteHttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
}
