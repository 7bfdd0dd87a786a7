using System.Globalization;
using System.Numerics;
using System.Text;

namespace PandaEmulator.Python;

/// <summary>
/// Python's <c>json.dumps(value, default=encode_special_cases)</c> with its defaults: separators <c>", "</c> and
/// <c>": "</c>, <c>ensure_ascii</c>, NaN/Infinity literals, datetimes as <c>{"__datetime__": iso}</c>.
/// </summary>
internal static class PyJson
{
    public static string Dumps(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case long or int or BigInteger:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                builder.Append(FloatText(d));
                break;
            case string s:
                WriteString(builder, s);
                break;
            case PyList list:
                WriteArray(builder, list);
                break;
            case PyTuple tuple:
                WriteArray(builder, tuple.Items);
                break;
            case PyDict dict:
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in dict)
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }
                    first = false;
                    WriteString(builder, KeyText(key));
                    builder.Append(": ");
                    Write(builder, item);
                }
                builder.Append('}');
                break;
            case DateTime time:
                builder.Append("{\"__datetime__\": ");
                WriteString(builder, IsoFormat(time));
                builder.Append('}');
                break;
            default:
                // encode_special_cases raises for anything else (a FileStorage, a set...).
                throw PyException.TypeError($"Type not serializable for {PyOps.Str(value)} (<class '{ClassName(value)}'>)");
        }
    }

    /// <summary><c>datetime.isoformat()</c>: microseconds only when there are some.</summary>
    public static string IsoFormat(DateTime time)
    {
        var microseconds = time.Ticks % TimeSpan.TicksPerSecond / 10;
        return microseconds == 0
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            : time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "." + microseconds.ToString("000000", CultureInfo.InvariantCulture);
    }

    private static string ClassName(object value) => value switch
    {
        PyFile => "werkzeug.datastructures.file_storage.FileStorage",
        _ => PyOps.TypeName(value),
    };

    private static string KeyText(object key) => key switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        long or int or BigInteger => Convert.ToString(key, CultureInfo.InvariantCulture)!,
        double d => FloatText(d),
        _ => throw PyException.TypeError($"keys must be str, int, float, bool or None, not {PyOps.TypeName(key)}"),
    };

    private static string FloatText(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "Infinity",
        double.NegativeInfinity => "-Infinity",
        _ => PyFloat.Repr(value),
    };

    private static void WriteArray(StringBuilder builder, IReadOnlyList<object?> items)
    {
        builder.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }
            Write(builder, items[i]);
        }
        builder.Append(']');
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    if (c < ' ' || c > '~')
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        builder.Append('"');
    }
}
