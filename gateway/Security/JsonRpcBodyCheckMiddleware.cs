using System.Text.Json;

namespace PandaMcp.Gateway.Security;

/// <summary>
/// Checks the shape of a POSTed MCP message before the SDK reads it, and answers in JSON-RPC's terms where the SDK
/// would not: a body that is not JSON gets -32700 (the SDK says -32600), a batch gets a sentence saying to send
/// messages one by one, and a <c>tools/call</c> whose <c>params</c>, <c>name</c> or <c>arguments</c> has the wrong
/// JSON type gets -32602 naming it (the SDK answers those with a bare "An error occurred.", -32603).
/// </summary>
public sealed class JsonRpcBodyCheckMiddleware(RequestDelegate next)
{
    private const int ParseError = -32700;
    private const int InvalidRequest = -32600;
    private const int InvalidParams = -32602;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasJsonContentType())
        {
            await next(context);
            return;
        }
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < 1 << 20 ? (int)request.ContentLength : 4096);
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (Problem(buffer) is var (code, message, id))
        {
            await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status400BadRequest, message, context.RequestAborted, code, id);
            return;
        }
        buffer.Position = 0;
        request.Body = buffer;
        await next(context);
    }

    private static (int Code, string Message, JsonElement? Id)? Problem(MemoryStream body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.GetBuffer().AsMemory(0, (int)body.Length));
        }
        catch (JsonException e)
        {
            return (ParseError, $"The body is not valid JSON ({e.Message}). Send one JSON-RPC message as a JSON object.", null);
        }
        using (document)
        {
            var message = document.RootElement;
            if (message.ValueKind == JsonValueKind.Array)
            {
                return (InvalidRequest, "Batches (a JSON array of messages) are not accepted. Send each JSON-RPC message in a request of its own.", null);
            }
            if (message.ValueKind != JsonValueKind.Object)
            {
                return (InvalidRequest, $"The body is a JSON {Kind(message)}, not a JSON-RPC message. Send one JSON object with jsonrpc, method and, for a request, id.", null);
            }
            if (!message.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || method.GetString() != "tools/call"
                || !message.TryGetProperty("params", out var parameters))
            {
                return null;
            }
            JsonElement? id = message.TryGetProperty("id", out var given) && given.ValueKind is JsonValueKind.String or JsonValueKind.Number ? given.Clone() : null;
            return ToolCallProblem(parameters) is { } problem ? (InvalidParams, problem, id) : null;
        }
    }

    private static string? ToolCallProblem(JsonElement parameters)
    {
        const string Expected = "Send params as {\"name\": \"<tool>\", \"arguments\": {...}}.";
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            return $"The params of tools/call are a JSON {Kind(parameters)}, not an object. {Expected}";
        }
        if (parameters.TryGetProperty("name", out var name) && name.ValueKind != JsonValueKind.String)
        {
            return $"The tool name in params.name is a JSON {Kind(name)}, not a string. {Expected}";
        }
        if (parameters.TryGetProperty("arguments", out var arguments) && arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return $"params.arguments is a JSON {Kind(arguments)}, not an object of the tool's arguments by name. {Expected}";
        }
        return null;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "object",
    };
}
