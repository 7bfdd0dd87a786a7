using System.Globalization;
using System.Numerics;
using System.Text;

namespace PandaEmulator.Python;

/// <summary>
/// A subset of <c>ast.literal_eval</c>, which PanDA's GET casting applies to dict, list and float parameters:
/// numbers, strings, True/False/None, lists, tuples and dicts. A bare name raises ValueError (PanDA reports a
/// cast error); broken syntax raises SyntaxError (PanDA answers 500), as in Python.
/// </summary>
internal sealed class PyLiteral
{
    private readonly string _text;
    private int _position;

    private PyLiteral(string text) => _text = text;

    public static object? Eval(object? value)
    {
        if (value is not string text)
        {
            throw PyException.ValueError($"malformed node or string: {PyRepr.Repr(value)}");
        }
        var parser = new PyLiteral(text.Trim());
        var result = parser.ParseExpression();
        parser.SkipSpaces();
        if (parser._position != parser._text.Length)
        {
            throw PyException.SyntaxError("invalid syntax (<unknown>, line 1)");
        }
        return result;
    }

    private object? ParseExpression()
    {
        var first = ParseAtom();
        SkipSpaces();
        if (Peek() != ',')
        {
            return first;
        }
        // a bare "1, 2" is a tuple
        var items = new List<object?> { first };
        while (Peek() == ',')
        {
            _position++;
            SkipSpaces();
            if (_position >= _text.Length)
            {
                break;
            }
            items.Add(ParseAtom());
            SkipSpaces();
        }
        return new PyTuple([.. items]);
    }

    private object? ParseAtom()
    {
        SkipSpaces();
        var c = Peek();
        switch (c)
        {
            case '[':
                _position++;
                return new PyList(ParseItems(']'));
            case '(':
                _position++;
                var items = ParseItems(')');
                return new PyTuple([.. items]);
            case '{':
                _position++;
                return ParseDict();
            case '\'' or '"':
                return ParseString(c);
        }
        if (c is '+' or '-' || char.IsAsciiDigit(c) || c == '.')
        {
            return ParseNumber();
        }
        if (char.IsLetter(c) || c == '_')
        {
            var start = _position;
            while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] == '_'))
            {
                _position++;
            }
            return _text[start.._position] switch
            {
                "True" => true,
                "False" => false,
                "None" => null,
                _ => throw PyException.ValueError("malformed node or string on line 1: <ast.Name object>"),
            };
        }
        throw PyException.SyntaxError("invalid syntax (<unknown>, line 1)");
    }

    private List<object?> ParseItems(char close)
    {
        var items = new List<object?>();
        SkipSpaces();
        while (Peek() != close)
        {
            items.Add(ParseAtom());
            SkipSpaces();
            if (Peek() == ',')
            {
                _position++;
                SkipSpaces();
            }
            else if (Peek() != close)
            {
                throw PyException.SyntaxError("invalid syntax (<unknown>, line 1)");
            }
        }
        _position++;
        return items;
    }

    private PyDict ParseDict()
    {
        var result = new PyDict();
        SkipSpaces();
        while (Peek() != '}')
        {
            var key = ParseAtom();
            SkipSpaces();
            if (Peek() != ':')
            {
                throw PyException.SyntaxError("invalid syntax (<unknown>, line 1)");
            }
            _position++;
            var value = ParseAtom();
            result[key ?? "None"] = value;
            SkipSpaces();
            if (Peek() == ',')
            {
                _position++;
                SkipSpaces();
            }
            else if (Peek() != '}')
            {
                throw PyException.SyntaxError("invalid syntax (<unknown>, line 1)");
            }
        }
        _position++;
        return result;
    }

    private string ParseString(char quote)
    {
        var builder = new StringBuilder();
        _position++;
        while (_position < _text.Length && _text[_position] != quote)
        {
            var c = _text[_position++];
            if (c == '\\' && _position < _text.Length)
            {
                var escaped = _text[_position++];
                builder.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                continue;
            }
            builder.Append(c);
        }
        if (_position >= _text.Length)
        {
            throw PyException.SyntaxError("unterminated string literal (detected at line 1) (<unknown>, line 1)");
        }
        _position++;
        return builder.ToString();
    }

    private object ParseNumber()
    {
        var start = _position;
        if (Peek() is '+' or '-')
        {
            _position++;
        }
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '.' or '_'
                   || (_text[_position] is '+' or '-' && _text[_position - 1] is 'e' or 'E')))
        {
            _position++;
        }
        var literal = _text[start.._position].Replace("_", "", StringComparison.Ordinal);
        if (BigInteger.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer >= long.MinValue && integer <= long.MaxValue ? (long)integer : integer;
        }
        if (double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }
        throw PyException.SyntaxError("invalid syntax (<unknown>, line 1)");
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private void SkipSpaces()
    {
        while (_position < _text.Length && _text[_position] == ' ')
        {
            _position++;
        }
    }
}
