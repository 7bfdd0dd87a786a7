using System.Text.Json;
using System.Text.RegularExpressions;

namespace PandaMcp.Catalog;

/// <summary>
/// What JSON a parameter accepts, read from its Python annotation. PanDA's annotations are few and simple
/// (builtins, <c>List[X]</c>, unions with <c>|</c>), so they are read here rather than by a Python parser.
/// </summary>
public sealed partial record ParameterType(JsonKinds Kinds, ParameterType? Items = null)
{
    /// <summary>Unannotated parameters: PanDA reads them as text, agents pass ids as numbers; both are sent as text.</summary>
    public bool SentAsText { get; init; }

    /// <summary>A file upload (<c>FileStorage</c>): sent as a multipart form part.</summary>
    public bool IsFile { get; init; }

    public static ParameterType Parse(string? annotation, JsonElement defaultValue)
    {
        var type = annotation is null
            ? new ParameterType(JsonKinds.String | JsonKinds.Number) { SentAsText = true }
            : ParseUnion(annotation.Trim());
        // A parameter whose default is None accepts null: PanDA leaves it at its default.
        return defaultValue.ValueKind == JsonValueKind.Null ? type with { Kinds = type.Kinds | JsonKinds.Null } : type;
    }

    private static ParameterType ParseUnion(string annotation)
    {
        var parts = SplitTopLevel(annotation);
        if (parts.Count == 1)
        {
            return ParseSingle(parts[0]);
        }
        var kinds = JsonKinds.None;
        ParameterType? items = null;
        foreach (var part in parts)
        {
            var one = ParseSingle(part);
            kinds |= one.Kinds;
            items ??= one.Items;
        }
        return new ParameterType(kinds, items);
    }

    private static ParameterType ParseSingle(string annotation)
    {
        var list = ListOf().Match(annotation);
        if (list.Success)
        {
            return new ParameterType(JsonKinds.Array, ParseUnion(list.Groups[1].Value.Trim()));
        }
        return annotation switch
        {
            "str" => new(JsonKinds.String),
            "int" => new(JsonKinds.Integer),
            // JSON has one number type; PanDA's float checks accept what a float literal gives.
            "float" => new(JsonKinds.Number),
            "bool" => new(JsonKinds.Boolean),
            "dict" or "Dict" or "Dict[str, Any]" => new(JsonKinds.Object),
            "list" or "List" => new(JsonKinds.Array),
            "None" => new(JsonKinds.Null),
            "FileStorage" => new(JsonKinds.String) { IsFile = true },
            // event.update_single_event_range annotates with the builtin id(): no real type, so like unannotated.
            "id" => new(JsonKinds.String | JsonKinds.Integer) { SentAsText = true },
            _ => throw new FormatException($"The annotation '{annotation}' is not one the catalog knows."),
        };
    }

    private static List<string> SplitTopLevel(string annotation)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < annotation.Length; i++)
        {
            switch (annotation[i])
            {
                case '[': depth++; break;
                case ']': depth--; break;
                case '|' when depth == 0:
                    parts.Add(annotation[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        parts.Add(annotation[start..].Trim());
        return parts;
    }

    [GeneratedRegex(@"^(?:List|list)\[(.+)\]$")]
    private static partial Regex ListOf();
}
