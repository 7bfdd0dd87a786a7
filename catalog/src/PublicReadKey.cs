using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PandaMcp.Catalog;

/// <summary>
/// Names the question a public read asks, so that calls meaning the same thing get the same name: the endpoint,
/// then its arguments as PanDA reads them from a query string, defaults filled in (PanDA uses the default of a
/// parameter that is absent or null), names sorted, numbers in one spelling.
/// </summary>
public static class PublicReadKey
{
    /// <summary>The key of a call of <paramref name="endpoint"/> whose arguments <see cref="ArgumentCheck"/> accepted.</summary>
    public static string Of(PandaEndpoint endpoint, string checkedArgumentsJson)
    {
        using var arguments = JsonDocument.Parse(checkedArgumentsJson);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var parameter in endpoint.Parameters.Where(p => !p.IsKeywords).OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var value = arguments.RootElement.TryGetProperty(parameter.Name, out var given) && given.ValueKind != JsonValueKind.Null
                    ? given
                    : parameter.Default;
                if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
                {
                    continue;
                }
                writer.WritePropertyName(parameter.Name);
                WriteAsRead(writer, parameter.Type, value);
            }
            // A **kwargs endpoint's other names, sorted too.
            foreach (var extra in arguments.RootElement.EnumerateObject()
                .Where(a => a.Value.ValueKind != JsonValueKind.Null && !endpoint.Parameters.Any(p => p.Name == a.Name))
                .OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                writer.WritePropertyName(extra.Name);
                WriteAsRead(writer, new ParameterType(JsonKinds.String) { SentAsText = true }, extra.Value);
            }
            writer.WriteEndObject();
        }
        return $"{endpoint.Path}?{Encoding.UTF8.GetString(buffer.WrittenSpan)}";
    }

    private static void WriteAsRead(Utf8JsonWriter writer, ParameterType type, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when type.SentAsText:
                writer.WriteStringValue(value.GetRawText());
                break;
            case JsonValueKind.Number when value.TryGetInt64(out var integer):
                writer.WriteNumberValue(integer);
                break;
            case JsonValueKind.Number:
                // 2.0 and 2e0 are 2 to PanDA, which reads query values through float(); other floats in one spelling.
                var number = value.GetDouble();
                if (Math.Abs(number) < 1e15 && number == Math.Floor(number))
                {
                    writer.WriteNumberValue((long)number);
                }
                else
                {
                    writer.WriteStringValue(number.ToString("R", CultureInfo.InvariantCulture));
                }
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteAsRead(writer, type.Items ?? type, item);
                }
                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
