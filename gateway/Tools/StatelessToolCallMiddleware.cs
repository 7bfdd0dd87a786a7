using System.Buffers;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace PandaMcp.Gateway.Tools;

/// <summary>
/// Answers the most common request, a 2026-07-28 (stateless) <c>tools/call</c>, without the SDK's per-request
/// server. Written by hand because the SDK builds a server and an SSE stream for every stateless request
/// (tens of KB and most of the gateway's CPU per call), which no SDK option avoids. Anything this path is
/// not sure of (other methods, sessions, progress tokens, header or metadata problems, unknown tools) goes
/// on to the SDK untouched, so the SDK still decides every error and every other case.
/// </summary>
public sealed class StatelessToolCallMiddleware(RequestDelegate next, PandaToolSet tools, PandaToolInvoker invoker)
{
    private const string StatelessVersion = "2026-07-28";
    private const string ProtocolVersionMeta = "io.modelcontextprotocol/protocolVersion";
    private const string ClientCapabilitiesMeta = "io.modelcontextprotocol/clientCapabilities";

    public async Task InvokeAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (!HttpMethods.IsPost(context.Request.Method)
            || headers["MCP-Protocol-Version"] != StatelessVersion
            || headers["Mcp-Method"] != RequestMethods.ToolsCall
            || headers.ContainsKey("Mcp-Session-Id")
            || !context.Request.HasJsonContentType()
            || !AcceptsBoth(headers.Accept.ToString()))
        {
            await next(context);
            return;
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        using var document = TryParse(body);
        if (document is null || Match(document.RootElement, headers["Mcp-Name"].ToString()) is not var (id, tool, arguments))
        {
            // Let the SDK read the same bytes and answer as it would have.
            context.Request.Body = new MemoryStream(body, writable: false);
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        try
        {
            var result = await invoker.InvokeAsync(tool, arguments, CallerCredentials.From(context), session: null, context.RequestAborted);
            // As the SDK answers a 2026-07-28 request: a complete result.
            result.ResultType = "complete";
            await WriteResponseAsync(context.Response, id, "result", result, context.RequestAborted);
        }
        catch (McpProtocolException e)
        {
            await WriteResponseAsync(context.Response, id, "error", new JsonRpcErrorDetail { Code = (int)e.ErrorCode, Message = e.Message }, context.RequestAborted);
        }
    }

    private (JsonElement Id, PandaTool Tool, IReadOnlyDictionary<string, JsonElement>? Arguments)? Match(JsonElement message, string nameHeader)
    {
        if (message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("jsonrpc", out var jsonrpc) || jsonrpc.ValueKind != JsonValueKind.String || jsonrpc.GetString() != "2.0"
            || !message.TryGetProperty("id", out var id) || !(id.ValueKind == JsonValueKind.String || id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out _))
            || !message.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String || method.GetString() != RequestMethods.ToolsCall
            || !message.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() != nameHeader
            || tools.Find(nameHeader) is not { } tool
            || !HasStatelessMeta(parameters))
        {
            return null;
        }
        if (!parameters.TryGetProperty("arguments", out var arguments) || arguments.ValueKind == JsonValueKind.Null)
        {
            return (id, tool, null);
        }
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var dictionary = new Dictionary<string, JsonElement>();
        foreach (var property in arguments.EnumerateObject())
        {
            dictionary[property.Name] = property.Value;
        }
        return (id, tool, dictionary);
    }

    /// <summary>The per-request metadata 2026-07-28 asks for, and no progress token (progress needs the SDK's stream).</summary>
    private static bool HasStatelessMeta(JsonElement parameters) =>
        parameters.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object
        && meta.TryGetProperty(ProtocolVersionMeta, out var version) && version.ValueKind == JsonValueKind.String
        && version.GetString() == StatelessVersion
        && meta.TryGetProperty(ClientCapabilitiesMeta, out var capabilities) && capabilities.ValueKind == JsonValueKind.Object
        && !meta.TryGetProperty("progressToken", out _);

    private static bool AcceptsBoth(string accept) =>
        accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
        && accept.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is > 0 and < 1 << 20 ? (int)request.ContentLength : 4096);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteResponseAsync<T>(HttpResponse response, JsonElement id, string member, T value, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            id.WriteTo(writer);
            writer.WritePropertyName(member);
            JsonSerializer.Serialize(writer, value, McpJsonUtilities.DefaultOptions);
            writer.WriteEndObject();
        }
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }
}
