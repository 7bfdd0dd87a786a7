using System.Text.Json;

namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// The answer to a request the gateway refuses before any MCP work: an HTTP status and a JSON-RPC error whose
/// message says what went wrong and what to do, so that an agent can act on it whatever it reads.
/// </summary>
public static class GatewayRefusal
{
    /// <summary>A refusal of the request as a whole, before its body is read.</summary>
    public static Task WriteAsync(HttpResponse response, int status, string message, CancellationToken cancellationToken) =>
        WriteAsync(response, status, McpProtocol.ServerError, message, null, cancellationToken);

    /// <param name="id">The request's id when it is known, else null.</param>
    public static Task WriteAsync(HttpResponse response, int status, int code, string message, JsonElement? id, CancellationToken cancellationToken) =>
        JsonRpcMessages.WriteAsync(response, status, JsonRpcMessages.Error(id ?? default, code, message), cancellationToken);
}
