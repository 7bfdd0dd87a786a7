using System.Globalization;
using System.Numerics;
using System.Text;

namespace PandaEmulator.Python;

/// <summary>
/// Python's <c>repr()</c>, which is what PanDA answers (<c>str(result)</c>) when a request asks for no JSON.
/// </summary>
internal static class PyRepr
{
    public static string Repr(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    public static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("None");
                break;
            case bool b:
                builder.Append(b ? "True" : "False");
                break;
            case long or int or BigInteger:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                builder.Append(PyFloat.Repr(d));
                break;
            case string s:
                WriteString(builder, s);
                break;
            case PyList list:
                WriteSequence(builder, list, '[', ']', singleComma: false);
                break;
            case PyTuple tuple:
                WriteSequence(builder, tuple.Items, '(', ')', singleComma: true);
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
                    Write(builder, key);
                    builder.Append(": ");
                    Write(builder, item);
                }
                builder.Append('}');
                break;
            case DateTime time:
                WriteDateTime(builder, time);
                break;
            case PyFile file:
                builder.Append("<FileStorage: ");
                WriteString(builder, file.FileName);
                builder.Append(" (");
                WriteString(builder, file.ContentType);
                builder.Append(")>");
                break;
            default:
                builder.Append(value);
                break;
        }
    }

    private static void WriteSequence(StringBuilder builder, IReadOnlyList<object?> items, char open, char close, bool singleComma)
    {
        builder.Append(open);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }
            Write(builder, items[i]);
        }
        if (singleComma && items.Count == 1)
        {
            builder.Append(',');
        }
        builder.Append(close);
    }

    private static void WriteDateTime(StringBuilder builder, DateTime time)
    {
        builder.Append("datetime.datetime(")
            .Append(CultureInfo.InvariantCulture, $"{time.Year}, {time.Month}, {time.Day}, {time.Hour}, {time.Minute}");
        var microseconds = (int)(time.Ticks % TimeSpan.TicksPerSecond / 10);
        if (time.Second != 0 || microseconds != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $", {time.Second}");
        }
        if (microseconds != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $", {microseconds}");
        }
        builder.Append(')');
    }

    /// <summary>Python's str repr: single quotes unless only they occur, escapes for what is not printable.</summary>
    private static void WriteString(StringBuilder builder, string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        builder.Append(quote);
        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                // A lone surrogate: Python shows it as \udXXX.
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[index]:x4}");
                index++;
                continue;
            }
            index += consumed;
            var c = rune.Value;
            if (c == quote || c == '\\')
            {
                builder.Append('\\').Append((char)c);
            }
            else if (c == '\t')
            {
                builder.Append("\\t");
            }
            else if (c == '\n')
            {
                builder.Append("\\n");
            }
            else if (c == '\r')
            {
                builder.Append("\\r");
            }
            else if (c < 0x20 || c == 0x7f)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{c:x2}");
            }
            else if (c < 0x7f || IsPrintable(rune))
            {
                builder.Append(rune.ToString());
            }
            else if (c < 0x100)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{c:x2}");
            }
            else if (c < 0x10000)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{c:x4}");
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\U{c:x8}");
            }
        }
        builder.Append(quote);
    }

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => true,
    };
}
