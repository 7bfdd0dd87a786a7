using System.Buffers;
using System.Text.Json;
using ModelContextProtocol;

namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// JSON-RPC responses written by hand, as UTF-8 bytes ready to send: the result or error of one request, its id as
/// the client sent it. Results are serialized with the SDK's own options, so they read as the SDK writes them.
/// </summary>
public static class JsonRpcMessages
{
    /// <param name="id">The request's id; <see cref="JsonValueKind.Undefined"/> writes null (the request's id is not known).</param>
    public static byte[] Result<T>(JsonElement id, T result) =>
        Write(writer => WriteId(writer, id), writer => JsonSerializer.Serialize(writer, result, McpJsonUtilities.DefaultOptions));

    /// <param name="idJson">The request's id as JSON, as it was kept with a recorded answer.</param>
    public static byte[] Result<T>(string idJson, T result) =>
        Write(writer => writer.WriteRawValue(idJson), writer => JsonSerializer.Serialize(writer, result, McpJsonUtilities.DefaultOptions));

    /// <param name="resultJson">A result serialized once for many answers (tools/list).</param>
    public static byte[] Result(JsonElement id, ReadOnlyMemory<byte> resultJson) =>
        Write(writer => WriteId(writer, id), writer => writer.WriteRawValue(resultJson.Span, skipInputValidation: true));

    public static byte[] Error(JsonElement id, int code, string message, object? data = null) =>
        Write(writer => WriteId(writer, id), writer => WriteError(writer, code, message, data), "error");

    public static byte[] Error(string idJson, int code, string message) =>
        Write(writer => writer.WriteRawValue(idJson), writer => WriteError(writer, code, message, null), "error");

    /// <summary>Answers with a JSON body of its own (not an event stream).</summary>
    public static Task WriteAsync(HttpResponse response, int status, byte[] message, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = McpProtocol.JsonMediaType;
        response.ContentLength = message.Length;
        return response.Body.WriteAsync(message, cancellationToken).AsTask();
    }

    private static byte[] Write(Action<Utf8JsonWriter> writeId, Action<Utf8JsonWriter> writeBody, string member = "result")
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", McpProtocol.JsonRpcVersion);
            writer.WritePropertyName("id");
            writeId(writer);
            writer.WritePropertyName(member);
            writeBody(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteId(Utf8JsonWriter writer, JsonElement id)
    {
        if (id.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteNullValue();
        }
        else
        {
            id.WriteTo(writer);
        }
    }

    private static void WriteError(Utf8JsonWriter writer, int code, string message, object? data)
    {
        writer.WriteStartObject();
        writer.WriteNumber("code", code);
        writer.WriteString("message", message);
        if (data is not null)
        {
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, data, McpJsonUtilities.DefaultOptions);
        }
        writer.WriteEndObject();
    }
}
