using System.Text;

namespace PandaMcp.Testing;

/// <summary>
/// Requests for the fuzz test, generated from a fixed seed so that a failure can be replayed: valid MCP messages
/// (initialize, tools/list, tools/call, ping, notifications) with one to three mutations of their bytes, JSON
/// values, headers (values of other kinds, and empty, repeated, oversized and non-ASCII ones), HTTP method or path.
/// </summary>
public sealed class FuzzRequests(int seed, Uri gateway, string token, Func<string?> knownSession)
{
    private const string Meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private static readonly string[] Bodies =
    [
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{" + Meta + "}}",
        "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"system_is_alive\",\"arguments\":{}," + Meta + "}}",
        "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"task_get_status\",\"arguments\":{\"task_id\":45012301}," + Meta + "}}",
        "{\"jsonrpc\":\"2.0\",\"id\":\"five\",\"method\":\"tools/call\",\"params\":{\"name\":\"job_get_status\",\"arguments\":{\"job_ids\":[1,2,3]}," + Meta + "}}",
        "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\",\"params\":{" + Meta + "}}",
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"server/discover\",\"params\":{" + Meta + "}}",
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
    ];

    private static readonly string[] Values =
    [
        "null", "true", "0", "-1", "1e400", "123456789012345678901234567890", "\"\"", "\"x\"", "[]", "{}", "[[[[[[]]]]]]",
        "\"\\u0000\"", "\"\\ud800\"", "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}", "\"" + new string('y', 5000) + "\"",
        new string('[', 300) + new string(']', 300),
    ];

    private static readonly string[] Paths = ["/mcp", "/mcp/", "/mcp//", "/MCP", "/sse", "/messages/", "/messages/?session_id=nope", "/health/live", "/", "/mcp/x", "/%2e%2e/mcp", "/mcp?x=%00"];
    private static readonly string[] Methods = ["GET", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD"];
    private static readonly string[] Versions = ["2026-07-28", "2025-11-25", "2025-06-18", "2024-11-05", "1999-01-01", "", "latest", "2026-07-28, 2025-11-25"];
    private static readonly string[] Accepts = ["application/json, text/event-stream", "application/json", "text/event-stream", "*/*", "text/html", ""];
    private static readonly string[] ContentTypes = ["application/json", "text/plain", "application/json; charset=latin1", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"];
    private static readonly string[] Origins = ["atlas", "atlas:production", "atlas.production", "cms", "https://evil.example.com", "null", "http://localhost:3000"];
    private static readonly string[] Tools = ["system_is_alive", "task_get_status", "job_kill", "task_kill", "no_such_tool", "", "system_is_alive\u00e9"];

    private static readonly string[] ProtocolHeaders =
        ["Content-Type", "Accept", "MCP-Protocol-Version", "Mcp-Session-Id", "Mcp-Method", "Mcp-Name", "Last-Event-ID", "Origin", "Authorization"];

    private const string Replacements = "{}[]\":,\\ 0a-\u00ff";

    private readonly Random _random = new(seed);

    public HttpRequestMessage Next()
    {
        var body = Bodies[_random.Next(Bodies.Length)];
        var method = HttpMethod.Post;
        var path = "/mcp";
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Accept"] = "application/json, text/event-stream",
            ["MCP-Protocol-Version"] = body.Contains("\"initialize\"", StringComparison.Ordinal) ? "" : "2026-07-28",
            ["Mcp-Method"] = Between(body, "\"method\":\"", "\""),
            ["Mcp-Name"] = Between(body, "\"name\":\"", "\""),
        };
        var contentType = "application/json";
        // Sent besides the headers above: a second value of one of them (HttpClient joins the two with a comma, as a
        // server reads repeated lines), or one that is empty, oversized or not ASCII.
        var added = new List<(string Name, string Value)>();
        var mutations = 1 + _random.Next(3);
        for (var i = 0; i < mutations; i++)
        {
            switch (_random.Next(11))
            {
                case 9:
                    var name = Pick(ProtocolHeaders);
                    if (name == "Content-Type")
                    {
                        contentType = OddValue(contentType);
                    }
                    else if (_random.Next(2) == 0)
                    {
                        added.Add((name, OddValue(headers.GetValueOrDefault(name, ""))));
                    }
                    else
                    {
                        headers[name] = OddValue(headers.GetValueOrDefault(name, ""));
                        added.Add((name, ""));
                    }
                    break;
                case 0: body = FlipBytes(body); break;
                case 1: body = body[.._random.Next(body.Length + 1)]; break;
                case 2: body = ReplaceValue(body); break;
                case 3: body = ReplaceValue(ReplaceValue(body)); break;
                case 4: body = _random.Next(2) == 0 ? $"[{body},{body}]" : body.Replace("\"2.0\"", Pick(Values), StringComparison.Ordinal); break;
                case 5: headers[Pick(["MCP-Protocol-Version", "Mcp-Method", "Mcp-Name", "Accept"])] = Pick([.. Versions, .. Accepts, .. Tools]); break;
                case 6: headers[Pick(["Mcp-Session-Id", "Last-Event-ID"])] = _random.Next(2) == 0 && knownSession() is { } session ? session : RandomText(24); break;
                case 7: headers[Pick(["Origin", "Authorization", "X-Auth-Token"])] = Pick([.. Origins, "Bearer " + token, "Bearer " + RandomText(40), token + "x", "Basic Zm9vOmJhcg=="]); break;
                case 8: contentType = Pick(ContentTypes); break;
                default:
                    method = _random.Next(3) == 0 ? new HttpMethod(Pick(Methods)) : method;
                    path = Pick(Paths);
                    break;
            }
        }
        var request = new HttpRequestMessage(method, new Uri(gateway, path));
        if (method != HttpMethod.Get && method != HttpMethod.Head && method != HttpMethod.Options)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        foreach (var (name, value) in headers)
        {
            if (value.Length > 0)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        foreach (var (name, value) in added)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    /// <summary>A header value no client should send: empty, the value twice, 6 KiB long (within Kestrel's header limits, so it reaches the gateway), or Latin-1 letters.</summary>
    private string OddValue(string value) => _random.Next(4) switch
    {
        0 => "",
        1 => value + ", " + value,
        2 => value + new string('x', 6 * 1024),
        _ => value + "\u00e9\u00ff\u00a0",
    };

    private string Pick(string[] choices) => choices[_random.Next(choices.Length)];

    /// <summary>Overwrites a few characters with printable or structural ones (bytes that HTTP can carry).</summary>
    private string FlipBytes(string body)
    {
        var characters = body.ToCharArray();
        for (var i = _random.Next(1, 6); i > 0 && characters.Length > 0; i--)
        {
            characters[_random.Next(characters.Length)] = Replacements[_random.Next(Replacements.Length)];
        }
        return new string(characters);
    }

    /// <summary>Replaces the value after a random <c>":</c> with a value of another JSON type.</summary>
    private string ReplaceValue(string body)
    {
        var colons = Enumerable.Range(0, Math.Max(0, body.Length - 1)).Where(i => body[i] == '"' && body[i + 1] == ':').ToList();
        if (colons.Count == 0)
        {
            return body;
        }
        var start = colons[_random.Next(colons.Count)] + 2;
        var end = start;
        var depth = 0;
        var inString = false;
        // The value ends at the comma or closing bracket of its parent, outside strings and nested values.
        for (; end < body.Length; end++)
        {
            var c = body[end];
            if (inString)
            {
                inString = c != '"' || body[end - 1] == '\\';
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '{' or '[')
            {
                depth++;
            }
            else if (c is '}' or ']' or ',' && depth == 0)
            {
                break;
            }
            else if (c is '}' or ']')
            {
                depth--;
            }
        }
        return body[..start] + Pick(Values) + body[end..];
    }

    private string RandomText(int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)_random.Next(0x21, 0x7f)).ToArray());

    private static string Between(string text, string before, string after)
    {
        var start = text.IndexOf(before, StringComparison.Ordinal);
        if (start < 0)
        {
            return "";
        }
        start += before.Length;
        var end = text.IndexOf(after, start, StringComparison.Ordinal);
        return end < 0 ? "" : text[start..end];
    }
}
