using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PandaMcp.Testing;

/// <summary>A 2026-07-28 request with plain HTTP: its headers as the revision asks for them, its body with the per-request metadata.</summary>
public static class RawSessionlessCall
{
    public const string ProtocolVersion = "2026-07-28";

    /// <param name="name">The tool of a tools/call (its Mcp-Name header); null for other methods.</param>
    public static HttpRequestMessage Request(Uri endpoint, int id, string method, string? name, object parameters, string? authorization = null)
    {
        var meta = new Dictionary<string, object>
        {
            ["io.modelcontextprotocol/protocolVersion"] = ProtocolVersion,
            ["io.modelcontextprotocol/clientCapabilities"] = new { },
        };
        var withMeta = JsonSerializer.SerializeToNode(parameters)!.AsObject();
        if (withMeta["_meta"] is { } given)
        {
            foreach (var (key, value) in given.AsObject().ToList())
            {
                meta[key] = value!.DeepClone();
            }
        }
        withMeta["_meta"] = JsonSerializer.SerializeToNode(meta);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { jsonrpc = "2.0", id, method, @params = withMeta }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        request.Headers.Add("Mcp-Method", method);
        if (name is not null)
        {
            request.Headers.Add("Mcp-Name", name);
        }
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            request.Headers.TryAddWithoutValidation("Origin", RawMcpSession.Vo);
        }
        return request;
    }
}
