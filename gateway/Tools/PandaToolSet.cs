using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using PandaMcp.Catalog;

namespace PandaMcp.Gateway.Tools;

/// <summary>The tools this gateway offers: the endpoints its endpoint list picks, built once at start-up.</summary>
public sealed class PandaToolSet
{
    private readonly FrozenDictionary<string, PandaTool> _byName;
    private readonly List<Tool> _definitions;

    public PandaToolSet(IOptions<CatalogOptions> options)
    {
        var catalog = options.Value.CatalogDirectory is { Length: > 0 } directory
            ? PandaCatalog.LoadDirectory(directory)
            : PandaCatalog.LoadEmbedded();
        var endpoints = options.Value.EndpointListFile is { Length: > 0 } file
            ? EndpointList.SelectFromFile(catalog, file)
            : EndpointList.SelectDefault(catalog);
        Tools = endpoints.Select(e => new PandaTool(e, Describe(e))).ToList();
        _byName = Tools.ToFrozenDictionary(t => t.Definition.Name, StringComparer.Ordinal);
        _definitions = Tools.Select(t => t.Definition).ToList();
        ListResultJson = JsonSerializer.SerializeToUtf8Bytes(NewListResult(), McpJsonUtilities.DefaultOptions);
    }

    public IReadOnlyList<PandaTool> Tools { get; }

    /// <summary>
    /// A new answer to tools/list for each request: the tools are built once, but the SDK writes per-revision fields
    /// (2026-07-28's resultType, ttlMs) onto the result it is given, which older clients must not see.
    /// </summary>
    public ListToolsResult NewListResult() => new() { Tools = _definitions };

    /// <summary>The answer to a session's tools/list, serialized once: revisions before 2026-07-28 add nothing to it.</summary>
    public ReadOnlyMemory<byte> ListResultJson { get; }

    public PandaTool? Find(string name) => _byName.GetValueOrDefault(name);

    private static Tool Describe(PandaEndpoint endpoint) => new()
    {
        Name = endpoint.ToolName,
        Title = endpoint.Title,
        Description = Description(endpoint),
        InputSchema = ToolSchema.Build(endpoint),
        Annotations = new ToolAnnotations
        {
            Title = endpoint.Title,
            ReadOnlyHint = endpoint.ReadOnly,
            DestructiveHint = endpoint.ReadOnly ? false : endpoint.Destructive,
            IdempotentHint = endpoint.Idempotent,
            // Every tool talks to PanDA, a system outside this server.
            OpenWorldHint = true,
        },
    };

    private static string Description(PandaEndpoint endpoint)
    {
        var text = new StringBuilder(endpoint.Description);
        if (endpoint.Returns.Length > 0)
        {
            text.Append("\n\nReturns: ").Append(endpoint.Returns);
        }
        text.Append("\n\nPanDA endpoint: ").Append(endpoint.Method).Append(" /api/v1/").Append(endpoint.Path).Append('.');
        return text.ToString();
    }
}
