using System.Text;

namespace PandaEmulator.Python;

/// <summary>
/// <c>urllib.parse.parse_qsl(query, keep_blank_values=True)</c> folded as PanDA folds it: a key given once is a
/// str, a repeated key a list of str.
/// </summary>
internal static class PyQueryString
{
    public static PyDict Parse(string? query)
    {
        var result = new PyDict();
        if (string.IsNullOrEmpty(query))
        {
            return result;
        }
        if (query[0] == '?')
        {
            query = query[1..];
        }
        foreach (var piece in query.Split('&'))
        {
            if (piece.Length == 0)
            {
                continue;
            }
            var equals = piece.IndexOf('=');
            var name = Unquote(equals < 0 ? piece : piece[..equals]);
            var value = equals < 0 ? "" : Unquote(piece[(equals + 1)..]);
            if (!result.TryGetValue(name, out var existing))
            {
                result[name] = value;
            }
            else if (existing is PyList list)
            {
                list.Add(value);
            }
            else
            {
                result[name] = new PyList { existing, value };
            }
        }
        return result;
    }

    /// <summary><c>unquote(text.replace('+', ' '))</c>: percent escapes as UTF-8, invalid bytes replaced.</summary>
    public static string Unquote(string text)
    {
        if (!text.Contains('%') && !text.Contains('+'))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
                continue;
            }
            Flush(builder, bytes);
            builder.Append(c == '+' ? ' ' : c);
        }
        Flush(builder, bytes);
        return builder.ToString();
    }

    private static void Flush(StringBuilder builder, List<byte> bytes)
    {
        if (bytes.Count > 0)
        {
            // Encoding.UTF8 replaces invalid sequences with U+FFFD, as Python's errors='replace' does.
            builder.Append(Encoding.UTF8.GetString(bytes.ToArray()));
            bytes.Clear();
        }
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
