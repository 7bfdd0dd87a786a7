using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PandaEmulator.Python;

/// <summary>Conversions between System.Text.Json values and the emulator's Python values.</summary>
internal static class PyValues
{
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => FromObject(element),
        JsonValueKind.Array => new PyList(element.EnumerateArray().Select(FromJson)),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var integer) => integer,
        JsonValueKind.Number when !element.GetRawText().AsSpan().ContainsAny('.', 'e', 'E') => BigInteger.Parse(element.GetRawText()),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>A Python value as a JSON node for the emulator's own (non-PanDA) JSON endpoints.</summary>
    public static JsonNode? ToJsonNode(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        BigInteger big => JsonNode.Parse(big.ToString()),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        double d => JsonValue.Create(PyFloat.Repr(d)),
        string s => JsonValue.Create(s),
        PyList list => new JsonArray(list.Select(ToJsonNode).ToArray()),
        PyTuple tuple => new JsonArray(tuple.Items.Select(ToJsonNode).ToArray()),
        PyDict dict => ToJsonObject(dict),
        DateTime time => JsonValue.Create(PyJson.IsoFormat(time)),
        PyFile file => new JsonObject
        {
            ["filename"] = file.FileName,
            ["contentType"] = file.ContentType,
            ["size"] = file.Content.Length,
        },
        _ => JsonValue.Create(value.ToString()),
    };

    private static JsonObject ToJsonObject(PyDict dict)
    {
        var result = new JsonObject();
        foreach (var (key, item) in dict)
        {
            result[PyOps.Str(key)] = ToJsonNode(item);
        }
        return result;
    }

    private static PyDict FromObject(JsonElement element)
    {
        var result = new PyDict();
        foreach (var property in element.EnumerateObject())
        {
            result[property.Name] = FromJson(property.Value);
        }
        return result;
    }
}
