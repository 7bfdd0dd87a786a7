using System.Text.Json;
using ModelContextProtocol.Protocol;
using PandaMcp.Contracts;

namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// One MCP request as the gateway reads it, once (<see cref="McpRequestReader"/>): its MCP headers, its caller, and
/// for a POST its JSON-RPC message, parsed from the buffered body. Every check and handler reads this feature
/// instead of the request.
/// </summary>
public sealed class McpRequest
{
    private McpRequest(HttpRequest request)
    {
        var headers = request.Headers;
        ProtocolVersion = headers[McpProtocol.ProtocolVersionHeader].ToString();
        SessionId = headers[McpProtocol.SessionIdHeader].ToString();
        LastEventId = headers[McpProtocol.LastEventIdHeader].ToString();
        MethodHeader = headers[McpProtocol.MethodHeader].ToString();
        NameHeader = headers[McpProtocol.NameHeader].ToString();
        Accept = headers.Accept.ToString();
        Credentials = CallerCredentials.From(request);
    }

    /// <summary>The request's <c>MCP-Protocol-Version</c> header, or empty.</summary>
    public string ProtocolVersion { get; }

    /// <summary>The request's <c>Mcp-Session-Id</c> header, or empty.</summary>
    public string SessionId { get; }

    /// <summary>The request's <c>Last-Event-ID</c> header, or empty.</summary>
    public string LastEventId { get; }

    /// <summary>The request's <c>Mcp-Method</c> header (2026-07-28), or empty.</summary>
    public string MethodHeader { get; }

    /// <summary>The request's <c>Mcp-Name</c> header (2026-07-28: the tool a tools/call names), or empty.</summary>
    public string NameHeader { get; }

    /// <summary>The request's <c>Accept</c> header, or empty.</summary>
    public string Accept { get; }

    /// <summary>Whether the client takes JSON answers and event streams alike, as a POST must.</summary>
    public bool AcceptsJsonAndEvents => AcceptHeader.Of(Accept).Json && AcceptsEvents;

    public bool AcceptsEvents => AcceptHeader.Of(Accept).Events;

    /// <summary>A 2026-07-28 (or later) request: no session, served by any gateway on its own.</summary>
    public bool IsSessionless => McpProtocol.IsSessionless(ProtocolVersion);

    /// <summary>What travels with the caller's PanDA calls: never stored, never logged.</summary>
    public PandaCredentials Credentials { get; }

    /// <summary>
    /// Who the caller is, as a fingerprint that can be stored and logged: anonymous until its token is verified
    /// (<see cref="Identity.CallerVerification"/>), so that no unverified claim ever reaches a session or a limit.
    /// </summary>
    public string Identity { get; private set; } = CallerIdentity.Anonymous;

    /// <summary>Sets <see cref="Identity"/> from the caller's verified token.</summary>
    public void Verified(string identity) => Identity = identity;

    /// <summary>The JSON-RPC message of a POST; <see cref="JsonValueKind.Undefined"/> for other requests.</summary>
    public JsonElement Message { get; private set; }

    /// <summary>The message's id (a string or a number); <see cref="JsonValueKind.Undefined"/> for a notification.</summary>
    public JsonElement Id { get; private set; }

    /// <summary>The message's method; null for a response the client sends back.</summary>
    public string? Method { get; private set; }

    /// <summary>The message's params object; <see cref="JsonValueKind.Undefined"/> when it has none.</summary>
    public JsonElement Params { get; private set; }

    /// <summary>The params' <c>_meta</c> object; <see cref="JsonValueKind.Undefined"/> when there is none.</summary>
    public JsonElement Meta { get; private set; }

    public bool IsRequest => Method is not null && Id.ValueKind != JsonValueKind.Undefined;

    /// <summary>The tool a <c>tools/call</c> names; null for other methods.</summary>
    public string? ToolName { get; private set; }

    /// <summary>A <c>tools/call</c>'s arguments object; <see cref="JsonValueKind.Undefined"/> when none (or null) were sent.</summary>
    public JsonElement Arguments { get; private set; }

    /// <summary>The client's progress token (<c>_meta.progressToken</c>); <see cref="JsonValueKind.Undefined"/> when none.</summary>
    public JsonElement ProgressToken { get; private set; }

    public static McpRequest Of(HttpContext context) =>
        context.Features.Get<McpRequest>() ?? throw new InvalidOperationException("The MCP request has not been read: McpRequestReader runs first.");

    /// <summary>A request without a JSON-RPC message (GET, DELETE), or one whose message is still to be read.</summary>
    public static McpRequest FromHeaders(HttpRequest request) => new(request);

    /// <summary>Takes the parts of a message that passed <see cref="JsonRpcShape"/>'s checks.</summary>
    internal void Read(JsonElement message)
    {
        Message = message;
        Id = message.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number ? id : default;
        Method = message.TryGetProperty("method", out var method) && method.ValueKind == JsonValueKind.String ? method.GetString() : null;
        if (!message.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        Params = parameters;
        if (parameters.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            Meta = meta;
            ProgressToken = meta.TryGetProperty(McpProtocol.ProgressTokenMeta, out var token)
                && token.ValueKind is JsonValueKind.String or JsonValueKind.Number ? token : default;
        }
        if (Method == RequestMethods.ToolsCall)
        {
            ToolName = parameters.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
            Arguments = parameters.TryGetProperty("arguments", out var arguments) && arguments.ValueKind == JsonValueKind.Object ? arguments : default;
        }
    }

    /// <summary>A member of the message's params, when it has params and the member.</summary>
    public bool TryGetParam(string name, out JsonElement value)
    {
        value = default;
        return Params.ValueKind == JsonValueKind.Object && Params.TryGetProperty(name, out value);
    }

    /// <summary>The tool's arguments by name, as the catalog's checks take them; null when none were sent.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ArgumentsByName()
    {
        if (Arguments.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var byName = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in Arguments.EnumerateObject())
        {
            byName[property.Name] = property.Value;
        }
        return byName;
    }
}
