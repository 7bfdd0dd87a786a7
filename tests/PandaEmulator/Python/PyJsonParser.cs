using System.Globalization;
using System.Numerics;
using System.Text;

namespace PandaEmulator.Python;

/// <summary>
/// Python's <c>json.loads</c>: the same values (big ints, NaN/Infinity literals, last duplicate key wins) and the
/// same error messages, since PanDA returns them verbatim (<c>ERROR : received invalid JSON : ...</c>).
/// </summary>
internal sealed class PyJsonParser
{
    private const int MaxDepth = 990;
    private readonly string _text;
    private int _depth;

    private PyJsonParser(string text) => _text = text;

    /// <summary>Parses UTF-8 bytes. Invalid UTF-8 raises what Python's decode raises (not a JSON error).</summary>
    public static object? Loads(byte[] body)
    {
        string text;
        try
        {
            var span = body.AsSpan();
            // json.loads(bytes) detects a UTF-8 BOM and drops it.
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                span = span[3..];
            }
            text = new UTF8Encoding(false, true).GetString(span);
        }
        catch (DecoderFallbackException e)
        {
            var position = e.Index < 0 ? 0 : e.Index;
            var value = e.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : (byte)0;
            throw PyException.ValueError($"'utf-8' codec can't decode byte 0x{value:x2} in position {position}: invalid start byte");
        }
        return Loads(text);
    }

    public static object? Loads(string text)
    {
        var parser = new PyJsonParser(text);
        var start = parser.SkipWhitespace(0);
        var (value, end) = parser.ParseValue(start);
        end = parser.SkipWhitespace(end);
        if (end != text.Length)
        {
            throw PyJsonDecodeException.At("Extra data", text, end);
        }
        return value;
    }

    private int SkipWhitespace(int position)
    {
        while (position < _text.Length && _text[position] is ' ' or '\t' or '\n' or '\r')
        {
            position++;
        }
        return position;
    }

    private (object? Value, int End) ParseValue(int position)
    {
        if (position >= _text.Length)
        {
            throw PyJsonDecodeException.At("Expecting value", _text, position);
        }
        var c = _text[position];
        switch (c)
        {
            case '"':
                return ParseString(position + 1);
            case '{':
                return Nested(() => ParseObject(position + 1), "object");
            case '[':
                return Nested(() => ParseArray(position + 1), "array");
        }
        if (Matches(position, "null"))
        {
            return (null, position + 4);
        }
        if (Matches(position, "true"))
        {
            return (true, position + 4);
        }
        if (Matches(position, "false"))
        {
            return (false, position + 5);
        }
        if (Matches(position, "NaN"))
        {
            return (double.NaN, position + 3);
        }
        if (Matches(position, "Infinity"))
        {
            return (double.PositiveInfinity, position + 8);
        }
        if (Matches(position, "-Infinity"))
        {
            return (double.NegativeInfinity, position + 9);
        }
        return ParseNumber(position);
    }

    private (object? Value, int End) Nested(Func<(object? Value, int End)> parse, string kind)
    {
        if (++_depth > MaxDepth)
        {
            throw new PyException("RecursionError", $"maximum recursion depth exceeded while decoding a JSON {kind} from a unicode string");
        }
        try
        {
            return parse();
        }
        finally
        {
            _depth--;
        }
    }

    private bool Matches(int position, string literal) => _text.AsSpan(position).StartsWith(literal, StringComparison.Ordinal);

    private (object? Value, int End) ParseNumber(int position)
    {
        // Python's NUMBER_RE: (-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?
        var i = position;
        if (i < _text.Length && _text[i] == '-')
        {
            i++;
        }
        if (i >= _text.Length || !char.IsAsciiDigit(_text[i]))
        {
            throw PyJsonDecodeException.At("Expecting value", _text, position);
        }
        if (_text[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < _text.Length && char.IsAsciiDigit(_text[i]))
            {
                i++;
            }
        }
        var isFloat = false;
        if (i + 1 < _text.Length && _text[i] == '.' && char.IsAsciiDigit(_text[i + 1]))
        {
            isFloat = true;
            i += 2;
            while (i < _text.Length && char.IsAsciiDigit(_text[i]))
            {
                i++;
            }
        }
        if (i < _text.Length && _text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < _text.Length && _text[j] is '+' or '-')
            {
                j++;
            }
            if (j < _text.Length && char.IsAsciiDigit(_text[j]))
            {
                isFloat = true;
                while (j < _text.Length && char.IsAsciiDigit(_text[j]))
                {
                    j++;
                }
                i = j;
            }
        }
        var literal = _text[position..i];
        if (isFloat)
        {
            return (double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture), i);
        }
        if (long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
        {
            return (small, i);
        }
        return (BigInteger.Parse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), i);
    }

    private (object? Value, int End) ParseString(int position)
    {
        var begin = position - 1;
        var builder = new StringBuilder();
        var i = position;
        while (true)
        {
            if (i >= _text.Length)
            {
                throw PyJsonDecodeException.At("Unterminated string starting at", _text, begin);
            }
            var c = _text[i];
            if (c == '"')
            {
                return (builder.ToString(), i + 1);
            }
            if (c < 0x20)
            {
                throw PyJsonDecodeException.At("Invalid control character at", _text, i);
            }
            if (c != '\\')
            {
                builder.Append(c);
                i++;
                continue;
            }
            if (i + 1 >= _text.Length)
            {
                throw PyJsonDecodeException.At("Unterminated string starting at", _text, begin);
            }
            var escape = _text[i + 1];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    var unit = ReadHex(i + 2, i);
                    i += 6;
                    // A high surrogate followed by an escaped low one is one character.
                    if (unit is >= 0xD800 and <= 0xDBFF && i + 1 < _text.Length && _text[i] == '\\' && _text[i + 1] == 'u')
                    {
                        var low = ReadHex(i + 2, i);
                        if (low is >= 0xDC00 and <= 0xDFFF)
                        {
                            builder.Append((char)unit).Append((char)low);
                            i += 6;
                            continue;
                        }
                    }
                    builder.Append((char)unit);
                    continue;
                default:
                    throw PyJsonDecodeException.At("Invalid \\escape", _text, i);
            }
            i += 2;
        }
    }

    private int ReadHex(int position, int backslash)
    {
        if (position + 4 > _text.Length
            || !int.TryParse(_text.AsSpan(position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw PyJsonDecodeException.At("Invalid \\uXXXX escape", _text, backslash);
        }
        return value;
    }

    private (object? Value, int End) ParseObject(int position)
    {
        var result = new PyDict();
        var i = SkipWhitespace(position);
        if (i < _text.Length && _text[i] == '}')
        {
            return (result, i + 1);
        }
        while (true)
        {
            if (i >= _text.Length || _text[i] != '"')
            {
                throw PyJsonDecodeException.At("Expecting property name enclosed in double quotes", _text, i);
            }
            var (key, afterKey) = ParseString(i + 1);
            i = SkipWhitespace(afterKey);
            if (i >= _text.Length || _text[i] != ':')
            {
                throw PyJsonDecodeException.At("Expecting ':' delimiter", _text, i);
            }
            i = SkipWhitespace(i + 1);
            var (value, afterValue) = ParseValue(i);
            result[key!] = value;
            i = SkipWhitespace(afterValue);
            if (i < _text.Length && _text[i] == '}')
            {
                return (result, i + 1);
            }
            if (i >= _text.Length || _text[i] != ',')
            {
                throw PyJsonDecodeException.At("Expecting ',' delimiter", _text, i);
            }
            i = SkipWhitespace(i + 1);
        }
    }

    private (object? Value, int End) ParseArray(int position)
    {
        var result = new PyList();
        var i = SkipWhitespace(position);
        if (i < _text.Length && _text[i] == ']')
        {
            return (result, i + 1);
        }
        while (true)
        {
            var (value, afterValue) = ParseValue(i);
            result.Add(value);
            i = SkipWhitespace(afterValue);
            if (i < _text.Length && _text[i] == ']')
            {
                return (result, i + 1);
            }
            if (i >= _text.Length || _text[i] != ',')
            {
                throw PyJsonDecodeException.At("Expecting ',' delimiter", _text, i);
            }
            i = SkipWhitespace(i + 1);
        }
    }
}
