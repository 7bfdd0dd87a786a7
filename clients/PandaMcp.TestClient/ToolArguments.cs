using System.Globalization;
using System.Text.Json;

namespace PandaMcp.TestClient;

/// <summary>
/// Turns <c>--kv</c> text into JSON arguments. PanDA's client sends <c>True</c>/<c>False</c> as booleans and
/// everything else as strings, leaving the rest to FastMCP's lax coercion on the server; this gateway checks JSON
/// types strictly, so values are typed here by the tool's input schema instead.
/// </summary>
internal static class ToolArguments
{
    /// <param name="pairs">The <c>--kv</c> pairs in order; a later key replaces an earlier one, as in PanDA's client.</param>
    /// <param name="inputSchema">The tool's input schema; a parameter without a declared type accepts any.</param>
    public static Dictionary<string, JsonElement> Convert(IEnumerable<KeyValuePair<string, string>> pairs, JsonElement inputSchema)
    {
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            arguments[key] = Convert(value, DeclaredTypes(inputSchema, key));
        }
        return arguments;
    }

    /// <summary>
    /// <c>True</c>/<c>False</c> as booleans and whole numbers as numbers unless the parameter takes neither; decimals
    /// only for number parameters and JSON arrays or objects only for parameters of those types; else the text.
    /// </summary>
    public static JsonElement Convert(string value, IReadOnlySet<string>? types)
    {
        bool Allows(string type) => types is null || types.Contains(type);
        bool Declares(string type) => types is not null && types.Contains(type);

        if (value is "True" or "False" && Allows("boolean"))
        {
            return JsonSerializer.SerializeToElement(value == "True");
        }
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && (Allows("integer") || Allows("number")))
        {
            return JsonSerializer.SerializeToElement(whole);
        }
        if (Declares("number") && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return JsonSerializer.SerializeToElement(number);
        }
        if ((Declares("array") && value.StartsWith('[')) || (Declares("object") && value.StartsWith('{')))
        {
            try
            {
                return JsonSerializer.Deserialize<JsonElement>(value);
            }
            catch (JsonException)
            {
                // Not JSON after all: the server will say the text does not fit the parameter.
            }
        }
        return JsonSerializer.SerializeToElement(value);
    }

    /// <summary>The JSON types a parameter declares, or null when it declares none (or is not in the schema).</summary>
    private static IReadOnlySet<string>? DeclaredTypes(JsonElement inputSchema, string name)
    {
        if (inputSchema.ValueKind != JsonValueKind.Object
            || !inputSchema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.Object
            || !property.TryGetProperty("type", out var type))
        {
            return null;
        }
        return type.ValueKind switch
        {
            JsonValueKind.String => new HashSet<string> { type.GetString()! },
            JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToHashSet(),
            _ => null,
        };
    }
}
