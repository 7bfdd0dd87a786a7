using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PandaMcp.CatalogGenerator.Python;

/// <summary>
/// Python literals as JSON: None, True, False, numbers, strings (adjacent ones joined), tuples and lists as arrays,
/// dicts as objects with their keys written as json.dumps writes them. Anything else (a name, a call, arithmetic,
/// an f-string) is not a literal.
/// </summary>
internal static class PythonLiteral
{
    public static bool TryParse(string text, out JsonNode? value)
    {
        var reader = new Reader(text);
        return reader.TryValue(out value) && reader.AtEnd();
    }

    public static bool TryParseString(string text, [NotNullWhen(true)] out string? value)
    {
        value = TryParse(text, out var node) && node is JsonValue scalar && scalar.TryGetValue<string>(out var s) ? s : null;
        return value is not null;
    }

    private sealed class Reader(string text)
    {
        private int _position;

        public bool AtEnd()
        {
            SkipSpace();
            return _position == text.Length;
        }

        public bool TryValue(out JsonNode? value)
        {
            value = null;
            SkipSpace();
            if (_position >= text.Length)
            {
                return false;
            }
            var c = text[_position];
            if (c is '(' or '[')
            {
                return TrySequence(out value);
            }
            if (c == '{')
            {
                return TryDict(out value);
            }
            if (c is '-' or '+' || char.IsAsciiDigit(c) || (c == '.' && _position + 1 < text.Length && char.IsAsciiDigit(text[_position + 1])))
            {
                return TryNumber(out value);
            }
            var wordEnd = _position;
            while (wordEnd < text.Length && (char.IsAsciiLetterOrDigit(text[wordEnd]) || text[wordEnd] == '_'))
            {
                wordEnd++;
            }
            var word = text[_position..wordEnd];
            if (wordEnd < text.Length && PythonText.IsQuote(text[wordEnd]) && IsStringPrefix(word))
            {
                return TryStrings(out value);
            }
            _position = wordEnd;
            switch (word)
            {
                case "None":
                    return true;
                case "True" or "False":
                    value = word == "True";
                    return true;
                default:
                    return false;
            }
        }

        private bool TrySequence(out JsonNode? value)
        {
            var isTuple = text[_position] == '(';
            var close = isTuple ? ')' : ']';
            _position++;
            var items = new JsonArray();
            var sawComma = false;
            value = null;
            while (true)
            {
                SkipSpace();
                if (Take(close))
                {
                    break;
                }
                if (!TryValue(out var item))
                {
                    return false;
                }
                items.Add(item);
                SkipSpace();
                if (Take(','))
                {
                    sawComma = true;
                    continue;
                }
                if (!Take(close))
                {
                    return false;
                }
                break;
            }
            if (isTuple && !sawComma && items.Count == 1)
            {
                // (x) is x in parentheses, not a tuple.
                value = items[0]?.DeepClone();
                return true;
            }
            value = items;
            return true;
        }

        private bool TryDict(out JsonNode? value)
        {
            _position++;
            var entries = new JsonObject();
            value = null;
            while (true)
            {
                SkipSpace();
                if (Take('}'))
                {
                    break;
                }
                if (!TryValue(out var key) || !TryKeyText(key, out var name))
                {
                    return false;
                }
                SkipSpace();
                if (!Take(':') || !TryValue(out var item))
                {
                    return false;
                }
                entries[name] = item;
                SkipSpace();
                if (Take(','))
                {
                    continue;
                }
                if (!Take('}'))
                {
                    return false;
                }
                break;
            }
            value = entries;
            return true;
        }

        /// <summary>A dict key as json.dumps writes it: strings as they are, numbers, booleans and None as JSON text.</summary>
        private static bool TryKeyText(JsonNode? key, [NotNullWhen(true)] out string? name)
        {
            name = key switch
            {
                null => "null",
                JsonValue scalar when scalar.TryGetValue<string>(out var s) => s,
                JsonValue scalar => scalar.ToJsonString(),
                _ => null,
            };
            return name is not null;
        }

        private bool TryNumber(out JsonNode? value)
        {
            value = null;
            var negative = false;
            while (_position < text.Length && text[_position] is '-' or '+')
            {
                negative ^= text[_position] == '-';
                _position++;
                SkipSpace();
            }
            var start = _position;
            while (_position < text.Length
                && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '.'
                    || (text[_position] is '-' or '+' && text[_position - 1] is 'e' or 'E' && !IsPrefixedInteger(text[start..]))))
            {
                _position++;
            }
            var digits = text[start.._position].Replace("_", "");
            var sign = negative ? -1 : 1;
            if (IsPrefixedInteger(digits))
            {
                var radix = char.ToLowerInvariant(digits[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
                try
                {
                    value = sign * Convert.ToInt64(digits[2..], radix);
                    return true;
                }
                catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
                {
                    return false;
                }
            }
            if (digits.Length > 0 && digits.All(char.IsAsciiDigit) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
            {
                value = sign * integer;
                return true;
            }
            if (digits.Length > 0 && char.IsAsciiDigit(digits[^1]) || digits.EndsWith('.'))
            {
                if (double.TryParse(digits, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var real))
                {
                    value = sign * real;
                    return true;
                }
            }
            return false;
        }

        private static bool IsPrefixedInteger(string digits) =>
            digits.Length > 1 && digits[0] == '0' && char.ToLowerInvariant(digits[1]) is 'x' or 'o' or 'b';

        private bool TryStrings(out JsonNode? value)
        {
            value = null;
            var joined = new StringBuilder();
            do
            {
                var prefixStart = _position;
                while (!PythonText.IsQuote(text[_position]))
                {
                    _position++;
                }
                var prefix = text[prefixStart.._position].ToLowerInvariant();
                if (prefix.Contains('f'))
                {
                    // An f-string is computed when the code runs.
                    return false;
                }
                var end = PythonText.SkipString(text, _position);
                if (end < 0)
                {
                    return false;
                }
                var quote = text[_position];
                var quoteLength = _position + 2 < text.Length && text[_position + 1] == quote && text[_position + 2] == quote ? 3 : 1;
                var body = text[(_position + quoteLength)..(end - quoteLength)];
                joined.Append(prefix.Contains('r') ? body : Unescape(body));
                _position = end;
                SkipSpace();
            }
            while (StartsString());
            value = joined.ToString();
            return true;
        }

        private bool StartsString()
        {
            var i = _position;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }
            return i < text.Length && PythonText.IsQuote(text[i]) && IsStringPrefix(text[_position..i]);
        }

        private static bool IsStringPrefix(string word) =>
            word.ToLowerInvariant() is "" or "r" or "u" or "b" or "f" or "br" or "rb" or "fr" or "rf";

        private static string Unescape(string body)
        {
            var result = new StringBuilder(body.Length);
            for (var i = 0; i < body.Length; i++)
            {
                if (body[i] != '\\' || i + 1 >= body.Length)
                {
                    result.Append(body[i]);
                    continue;
                }
                var next = body[++i];
                switch (next)
                {
                    case '\n': break;
                    case 'n': result.Append('\n'); break;
                    case 't': result.Append('\t'); break;
                    case 'r': result.Append('\r'); break;
                    case 'a': result.Append('\a'); break;
                    case 'b': result.Append('\b'); break;
                    case 'f': result.Append('\f'); break;
                    case 'v': result.Append('\v'); break;
                    case '\\' or '\'' or '"': result.Append(next); break;
                    case 'x' or 'u' or 'U' when HexDigits(body, i + 1, next switch { 'x' => 2, 'u' => 4, _ => 8 }) is { } code:
                        result.Append(char.ConvertFromUtf32(code));
                        i += next switch { 'x' => 2, 'u' => 4, _ => 8 };
                        break;
                    case >= '0' and <= '7':
                        var octal = 0;
                        var count = 0;
                        for (; count < 3 && i < body.Length && body[i] is >= '0' and <= '7'; count++, i++)
                        {
                            octal = octal * 8 + (body[i] - '0');
                        }
                        i--;
                        result.Append((char)octal);
                        break;
                    default:
                        // Python keeps unknown escapes (\d in a regex, say) as written.
                        result.Append('\\').Append(next);
                        break;
                }
            }
            return result.ToString();
        }

        private static int? HexDigits(string body, int start, int count) =>
            start + count <= body.Length && int.TryParse(body.AsSpan(start, count), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                && code is >= 0 and <= 0x10FFFF and (< 0xD800 or > 0xDFFF)
                ? code
                : null;

        private bool Take(char expected)
        {
            if (_position < text.Length && text[_position] == expected)
            {
                _position++;
                return true;
            }
            return false;
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }
    }
}
