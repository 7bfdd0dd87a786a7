using System.Text.Json.Serialization;

namespace PandaMcp.Catalog;

/// <summary>One PanDA API module (one <c>*_api.py</c> file) as the catalog describes it.</summary>
public sealed record PandaModule
{
    public required string Module { get; init; }

    /// <summary>The key PanDA's endpoint list files use: the Python file name less <c>_api</c> (for <c>creds</c>, <c>credential_management</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ListKey { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<PandaEndpoint> Endpoints { get; init; } = [];
}
