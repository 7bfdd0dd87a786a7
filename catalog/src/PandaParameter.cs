using System.Text.Json;
using System.Text.Json.Serialization;

namespace PandaMcp.Catalog;

/// <summary>A parameter of a PanDA endpoint, with its Python annotation as the server declares it.</summary>
public sealed record PandaParameter
{
    public required string Name { get; init; }

    /// <summary>"keywords" for a <c>**kwargs</c> catch-all; null for an ordinary parameter.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Kind { get; init; }

    /// <summary>The Python annotation (<c>int</c>, <c>List[str]</c>, <c>Dict | str</c>...); null when unannotated.</summary>
    [JsonPropertyName("type")]
    public string? Annotation { get; init; }

    public bool Required { get; init; }

    /// <summary>The default as JSON (a JSON null for Python's None); undefined for required parameters.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonElement Default { get; init; }

    [JsonIgnore]
    public bool HasDefault => Default.ValueKind != JsonValueKind.Undefined;
    public string Description { get; init; } = "";

    [JsonIgnore]
    public bool IsKeywords => Kind == "keywords";

    [JsonIgnore]
    public ParameterType Type => _type ??= ParameterType.Parse(Annotation, Default);
    private ParameterType? _type;
}
