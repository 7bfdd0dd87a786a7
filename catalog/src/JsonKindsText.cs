using System.Text.Json;

namespace PandaMcp.Catalog;

/// <summary>JSON kinds as JSON Schema names and as words for error messages.</summary>
public static class JsonKindsText
{
    private static readonly (JsonKinds Kind, string Schema, string Words)[] Names =
    [
        (JsonKinds.String, "string", "a string"),
        (JsonKinds.Integer, "integer", "an integer"),
        (JsonKinds.Number, "number", "a number"),
        (JsonKinds.Boolean, "boolean", "a boolean"),
        (JsonKinds.Array, "array", "an array"),
        (JsonKinds.Object, "object", "an object"),
        (JsonKinds.Null, "null", "null"),
    ];

    public static IEnumerable<string> SchemaNames(JsonKinds kinds) =>
        Present(kinds).Select(n => n.Schema);

    public static string Words(JsonKinds kinds)
    {
        var words = Present(kinds)
            .Select(n => n.Words)
            .ToList();
        return words.Count == 1 ? words[0] : string.Join(", ", words[..^1]) + " or " + words[^1];
    }

    /// <summary>The kinds named once each: integer is left out where number, which includes it, is there.</summary>
    private static IEnumerable<(JsonKinds Kind, string Schema, string Words)> Present(JsonKinds kinds) =>
        Names.Where(n => kinds.HasFlag(n.Kind) && !(n.Kind == JsonKinds.Integer && kinds.HasFlag(JsonKinds.Number)));

    public static string Words(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
