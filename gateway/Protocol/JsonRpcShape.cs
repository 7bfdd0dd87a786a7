using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// Checks the shape of a POSTed MCP message, and answers in JSON-RPC's terms where the SDK would not: a body that is
/// not JSON gets -32700 (the SDK says -32600), a batch gets a sentence saying to send messages one by one, a string
/// holding half a surrogate pair gets -32700, and params of the wrong JSON type (<c>tools/call</c>'s name and
/// arguments, <c>initialize</c>'s fields, <c>_meta</c>) get -32602 naming the field: the SDK answers those with a bare
/// "An error occurred." (-32603) or an exception (500). The fuzz test found them.
/// </summary>
public static class JsonRpcShape
{
    /// <summary>Parses the body; null with the problem when it is no JSON-RPC message this gateway reads.</summary>
    public static JsonDocument? Parse(ReadOnlyMemory<byte> body, out (int Code, string Message, JsonElement? Id)? problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            problem = ((int)McpErrorCode.ParseError, $"The body is not valid JSON ({e.Message}). Send one JSON-RPC message as a JSON object.", null);
            return null;
        }
        // Half a surrogate pair can only come in escaped (\uD800): raw UTF-8 cannot hold one, and the parser checks it.
        problem = Problem(document.RootElement, mayHoldEscapes: body.Span.IndexOf("\\u"u8) >= 0);
        if (problem is null)
        {
            return document;
        }
        document.Dispose();
        return null;
    }

    private static (int Code, string Message, JsonElement? Id)? Problem(JsonElement message, bool mayHoldEscapes)
    {
        if (message.ValueKind == JsonValueKind.Array)
        {
            return ((int)McpErrorCode.InvalidRequest, "Batches (a JSON array of messages) are not accepted. Send each JSON-RPC message in a request of its own.", null);
        }
        if (message.ValueKind != JsonValueKind.Object)
        {
            return ((int)McpErrorCode.InvalidRequest, $"The body is a JSON {Kind(message)}, not a JSON-RPC message. Send one JSON object with jsonrpc, method and, for a request, id.", null);
        }
        if (mayHoldEscapes && UnpairedSurrogate(message))
        {
            return ((int)McpErrorCode.ParseError, "The body holds a string with half of a UTF-16 surrogate pair (such as \\ud800 alone). Send valid Unicode text.", null);
        }
        if (!message.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        JsonElement? id = message.TryGetProperty("id", out var given) && given.ValueKind is JsonValueKind.String or JsonValueKind.Number ? given.Clone() : null;
        if (!message.TryGetProperty("params", out var parameters))
        {
            return method.ValueEquals(RequestMethods.Initialize)
                ? ((int)McpErrorCode.InvalidParams, "initialize has no params: send protocolVersion, capabilities and clientInfo in them.", id)
                : null;
        }
        return ParamsProblem(method.GetString()!, parameters) is { } problem ? ((int)McpErrorCode.InvalidParams, problem, id) : null;
    }

    /// <summary>The JSON types the SDK reads without checking: a wrong one there is an exception and a 500, or a bare -32603.</summary>
    private static string? ParamsProblem(string method, JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return $"The params of {method} are a JSON {Kind(parameters)}, not an object. Send params as a JSON object.";
        }
        if (parameters.TryGetProperty("_meta", out var meta)
            && (meta.ValueKind != JsonValueKind.Object || meta.TryGetProperty(MetaKeys.ProtocolVersion, out var version) && version.ValueKind != JsonValueKind.String))
        {
            return $"params._meta must be an object whose \"{MetaKeys.ProtocolVersion}\" is a string such as \"{McpProtocol.SessionlessVersion}\".";
        }
        return method switch
        {
            RequestMethods.ToolsCall => WrongType(parameters, "name", JsonValueKind.String, required: false)
                ?? (parameters.TryGetProperty("arguments", out var arguments) && arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null)
                    ? $"params.arguments is a JSON {Kind(arguments)}, not an object of the tool's arguments by name. Send params as {{\"name\": \"<tool>\", \"arguments\": {{...}}}}."
                    : null),
            RequestMethods.Initialize => WrongType(parameters, "protocolVersion", JsonValueKind.String)
                ?? WrongType(parameters, "capabilities", JsonValueKind.Object)
                ?? WrongType(parameters, "clientInfo", JsonValueKind.Object)
                ?? WrongType(parameters.GetProperty("clientInfo"), "name", JsonValueKind.String, prefix: "clientInfo.")
                ?? WrongType(parameters.GetProperty("clientInfo"), "version", JsonValueKind.String, prefix: "clientInfo."),
            _ => null,
        };
    }

    private static string? WrongType(JsonElement parent, string name, JsonValueKind expected, bool required = true, string prefix = "")
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return required ? $"params.{prefix}{name} is missing: send it as a JSON {Kind(expected)}." : null;
        }
        return value.ValueKind == expected ? null : $"params.{prefix}{name} is a JSON {Kind(value.ValueKind)}, not a {Kind(expected)}. Send it as a JSON {Kind(expected)}.";
    }

    /// <summary>
    /// True when a string or property name cannot be read as text (JSON escapes may encode half a surrogate pair):
    /// reading one throws, which the null checks below are there to provoke.
    /// </summary>
    private static bool UnpairedSurrogate(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString() is null,
                JsonValueKind.Array => element.EnumerateArray().Any(UnpairedSurrogate),
                JsonValueKind.Object => element.EnumerateObject().Any(property => property.Name is null || UnpairedSurrogate(property.Value)),
                _ => false,
            };
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static string Kind(JsonElement element) => Kind(element.ValueKind);

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "object",
    };
}
