using System.Buffers;
using System.Text.Json;

namespace PandaMcp.Catalog;

/// <summary>
/// Checks a tool call's arguments against the endpoint's parameters and writes them as the JSON object PanDA
/// gets. Written by hand: the schema language used is tiny (types, items, required, no extra names), and the
/// check must name every bad field in words an agent can act on and turn unannotated numbers into text.
/// </summary>
public static class ArgumentCheck
{
    private const int MaxErrors = 20;

    /// <summary>The arguments as a JSON object, or the list of problems (one sentence each) when there are any.</summary>
    public static ArgumentCheckResult Run(PandaEndpoint endpoint, IReadOnlyDictionary<string, JsonElement>? arguments)
    {
        arguments ??= new Dictionary<string, JsonElement>();
        var errors = new List<string>();
        var acceptsKeywords = endpoint.Parameters.Any(p => p.IsKeywords);
        foreach (var name in arguments.Keys)
        {
            if (!acceptsKeywords && !endpoint.Parameters.Any(p => p.Name == name))
            {
                var known = endpoint.Parameters.Count == 0 ? "none" : string.Join(", ", endpoint.Parameters.Select(p => p.Name));
                errors.Add($"'{name}' is not an argument of {endpoint.ToolName} (its arguments: {known}).");
            }
        }
        foreach (var parameter in endpoint.Parameters.Where(p => !p.IsKeywords))
        {
            if (!arguments.TryGetValue(parameter.Name, out var value))
            {
                if (parameter.Required)
                {
                    errors.Add($"'{parameter.Name}' is required: {JsonKindsText.Words(parameter.Type.Kinds & ~JsonKinds.Null)}.");
                }
                continue;
            }
            CheckValue(parameter.Name, parameter.Type, value, errors);
        }
        if (errors.Count > MaxErrors)
        {
            // A huge array of wrong items must not become a huge answer.
            errors = [.. errors.Take(MaxErrors), $"...and {errors.Count - MaxErrors} more problems."];
        }
        return errors.Count > 0 ? new ArgumentCheckResult(null, errors) : new ArgumentCheckResult(Write(endpoint, arguments), []);
    }

    private static void CheckValue(string path, ParameterType type, JsonElement value, List<string> errors)
    {
        if (!Accepts(type.Kinds, value))
        {
            errors.Add($"'{path}' must be {JsonKindsText.Words(type.Kinds)}, not {Describe(value)}.");
            return;
        }
        if (value.ValueKind == JsonValueKind.Array && type.Items is { } items)
        {
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                CheckValue($"{path}[{index++}]", items, item, errors);
            }
        }
    }

    private static bool Accepts(JsonKinds kinds, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => kinds.HasFlag(JsonKinds.String),
        JsonValueKind.Number => kinds.HasFlag(JsonKinds.Number) || (kinds.HasFlag(JsonKinds.Integer) && value.TryGetInt64(out _)),
        JsonValueKind.True or JsonValueKind.False => kinds.HasFlag(JsonKinds.Boolean),
        JsonValueKind.Array => kinds.HasFlag(JsonKinds.Array),
        JsonValueKind.Object => kinds.HasFlag(JsonKinds.Object),
        JsonValueKind.Null => kinds.HasFlag(JsonKinds.Null),
        _ => false,
    };

    private static string Describe(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && !value.TryGetInt64(out _) ? "a fractional number" : JsonKindsText.Words(value.ValueKind);

    private static string Write(PandaEndpoint endpoint, IReadOnlyDictionary<string, JsonElement> arguments)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments)
            {
                var parameter = endpoint.Parameters.FirstOrDefault(p => p.Name == name);
                writer.WritePropertyName(name);
                if (parameter is { Type.SentAsText: true } && value.ValueKind == JsonValueKind.Number)
                {
                    writer.WriteStringValue(value.GetRawText());
                }
                else
                {
                    value.WriteTo(writer);
                }
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
