using System.Buffers;
using System.Text.Json;

namespace PandaMcp.Gateway.Security;

/// <summary>
/// The answer to a request the gateway refuses before any MCP work: an HTTP status and a JSON-RPC error whose
/// message says what went wrong and what to do, so that an agent can act on it whatever it reads.
/// </summary>
public static class GatewayRefusal
{
    /// <summary>JSON-RPC's code for errors the server defines; the HTTP status tells them apart.</summary>
    public const int ServerErrorCode = -32000;

    /// <summary>A refusal of the request as a whole, before its body is read.</summary>
    public static Task WriteAsync(HttpResponse response, int status, string message, CancellationToken cancellationToken) =>
        WriteAsync(response, status, ServerErrorCode, message, null, cancellationToken);

    /// <param name="id">The request's id when it is known, else null.</param>
    public static Task WriteAsync(HttpResponse response, int status, int code, string message, JsonElement? id, CancellationToken cancellationToken)
    {
        var body = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WritePropertyName("id");
            if (id is { } known)
            {
                known.WriteTo(writer);
            }
            else
            {
                writer.WriteNullValue();
            }
            writer.WriteStartObject("error");
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = body.WrittenCount;
        return response.Body.WriteAsync(body.WrittenMemory, cancellationToken).AsTask();
    }
}
