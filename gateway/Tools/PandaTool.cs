using ModelContextProtocol.Protocol;
using PandaMcp.Catalog;
using PandaMcp.Contracts;

namespace PandaMcp.Gateway.Tools;

/// <summary>An endpoint offered as a tool: its MCP description and how its calls travel.</summary>
public sealed record PandaTool(PandaEndpoint Endpoint, Tool Definition)
{
    public PandaEncoding Encoding { get; } = Endpoint.IsGet
        ? PandaEncoding.Query
        : Endpoint.Parameters.Any(p => p.Type.IsFile) ? PandaEncoding.Multipart : PandaEncoding.Json;
}
