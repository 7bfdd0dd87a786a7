using System.Globalization;
using System.Numerics;

namespace PandaEmulator.Python;

/// <summary>
/// The few Python builtins the server's behaviour depends on, over the emulator's value model:
/// <c>None</c> = null, <c>bool</c>, <c>int</c> = long or BigInteger, <c>float</c> = double, <c>str</c> = string,
/// <see cref="PyList"/>, <see cref="PyTuple"/>, <see cref="PyDict"/>, <c>datetime</c> = DateTime, <see cref="PyFile"/>.
/// </summary>
internal static class PyOps
{
    /// <summary><c>type(value).__name__</c>.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long or int or BigInteger => "int",
        double => "float",
        string => "str",
        PyList => "list",
        PyTuple => "tuple",
        PyDict => "dict",
        DateTime => "datetime",
        PyFile => "FileStorage",
        _ => value.GetType().Name,
    };

    /// <summary><c>str(value)</c>.</summary>
    public static string Str(object? value) => value as string ?? PyRepr.Repr(value);

    /// <summary>Python truthiness (<c>bool(value)</c>).</summary>
    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        BigInteger i => !i.IsZero,
        double d => d != 0,
        string s => s.Length > 0,
        PyList l => l.Count > 0,
        PyTuple t => t.Items.Count > 0,
        PyDict d => d.Count > 0,
        _ => true,
    };

    /// <summary>Python <c>==</c>: numbers compare by value across bool, int and float; containers element-wise.</summary>
    public static bool Equal(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        if (IsNumber(a) && IsNumber(b))
        {
            if (a is double || b is double)
            {
                return ToDouble(a) == ToDouble(b);
            }
            return ToBigInteger(a) == ToBigInteger(b);
        }
        return (a, b) switch
        {
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (PyList x, PyList y) => SequenceEqual(x, y),
            (PyTuple x, PyTuple y) => SequenceEqual(x.Items, y.Items),
            (PyDict x, PyDict y) => DictEqual(x, y),
            (DateTime x, DateTime y) => x == y,
            _ => ReferenceEquals(a, b),
        };
    }

    private static bool IsNumber(object? value) => value is bool or long or int or BigInteger or double;

    /// <summary><c>isinstance(value, int)</c>: bool is a subclass of int.</summary>
    public static bool IsInt(object? value) => value is bool or long or int or BigInteger;

    /// <summary>An <c>int</c> value as a long, or null when it is not an int or does not fit.</summary>
    public static long? AsLong(object? value) => value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        BigInteger big when big >= long.MinValue && big <= long.MaxValue => (long)big,
        _ => null,
    };

    /// <summary>Python's <c>int(value)</c> for the values handlers meet (str, int, float, bool).</summary>
    public static object Int(object? value)
    {
        switch (value)
        {
            case bool b:
                return b ? 1L : 0L;
            case long or BigInteger:
                return value;
            case int i:
                return (long)i;
            case double d:
                return FloatToInt(d);
            case string s:
                var text = s.Trim().Replace("_", "", StringComparison.Ordinal);
                if (text.Length > 0 && s.Trim().All(c => char.IsAsciiDigit(c) || c is '_' or '+' or '-')
                    && BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    return Normalize(parsed);
                }
                throw PyException.ValueError($"invalid literal for int() with base 10: {PyRepr.Repr(s)}");
            default:
                throw PyException.TypeError(
                    $"int() argument must be a string, a bytes-like object or a real number, not '{TypeName(value)}'");
        }
    }

    /// <summary>Python's <c>float(value)</c> for a str: accepts what Python accepts (inf, nan, underscores, exponents).</summary>
    public static double ParseFloat(string text)
    {
        var trimmed = text.Trim();
        var lower = trimmed.ToLowerInvariant();
        var unsigned = lower.TrimStart('+', '-');
        var negative = lower.StartsWith('-');
        if (unsigned is "inf" or "infinity" && lower.Length - unsigned.Length <= 1)
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
        if (unsigned == "nan" && lower.Length - unsigned.Length <= 1)
        {
            return double.NaN;
        }
        if (IsPythonFloatLiteral(trimmed)
            && double.TryParse(trimmed.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        throw PyException.ValueError($"could not convert string to float: {PyRepr.Repr(text)}");
    }

    /// <summary><c>int(float_value)</c>: truncates, and raises as Python does for inf and NaN.</summary>
    public static object FloatToInt(double value)
    {
        if (double.IsNaN(value))
        {
            throw PyException.ValueError("cannot convert float NaN to integer");
        }
        if (double.IsInfinity(value))
        {
            throw PyException.OverflowError("cannot convert float infinity to integer");
        }
        return Normalize(new BigInteger(Math.Truncate(value)));
    }

    private static object Normalize(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? (long)value : value;

    private static bool IsPythonFloatLiteral(string text)
    {
        // digits may be grouped by single underscores between digits, as in Python's float().
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }
        var digits = 0;
        var sawDot = false;
        var sawExponent = false;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '_')
            {
                if (i == 0 || i + 1 >= text.Length || !char.IsAsciiDigit(text[i - 1]) || !char.IsAsciiDigit(text[i + 1]))
                {
                    return false;
                }
            }
            else if (c == '.' && !sawDot && !sawExponent)
            {
                sawDot = true;
            }
            else if (c is 'e' or 'E' && !sawExponent && digits > 0)
            {
                sawExponent = true;
                if (i + 1 < text.Length && text[i + 1] is '+' or '-')
                {
                    i++;
                }
                if (i + 1 >= text.Length)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }
        return digits > 0;
    }

    private static double ToDouble(object value) => value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        BigInteger big => (double)big,
        double d => d,
        _ => double.NaN,
    };

    private static BigInteger ToBigInteger(object value) => value switch
    {
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        BigInteger big => big,
        _ => BigInteger.Zero,
    };

    private static bool SequenceEqual(IReadOnlyList<object?> x, IReadOnlyList<object?> y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }
        for (var i = 0; i < x.Count; i++)
        {
            if (!Equal(x[i], y[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool DictEqual(PyDict x, PyDict y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }
        foreach (var (key, value) in x)
        {
            if (!y.TryGetValue(key, out var other) || !Equal(value, other))
            {
                return false;
            }
        }
        return true;
    }
}
