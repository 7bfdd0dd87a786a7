using PandaEmulator.Python;

namespace PandaEmulator.Api;

/// <summary>
/// A parameter's Python annotation as <c>request_validation</c> sees it: what <c>isinstance</c>,
/// <c>get_origin</c>, <c>get_args</c> and <c>__name__</c> give for it. The kinds differ in ways PanDA's
/// messages show: <c>List[int]</c> is a generic named "List" with origin list, <c>Dict | str</c> a
/// <c>typing.Union</c> named "Union", <c>int | None</c> a <c>types.UnionType</c> with no name at all.
/// </summary>
internal sealed class PyAnnotation
{
    private enum Kind
    {
        Builtin,
        TypingAlias,
        Generic,
        TypingUnion,
        UnionType,
        NotAType,
    }

    private readonly Kind _kind;
    private readonly string _name;
    private readonly IReadOnlyList<PyAnnotation> _parts;

    private PyAnnotation(Kind kind, string name, string? origin = null, PyAnnotation? element = null, IReadOnlyList<PyAnnotation>? parts = null)
    {
        _kind = kind;
        _name = name;
        Origin = origin;
        Element = element;
        _parts = parts ?? [];
    }

    /// <summary><c>get_origin(annotation).__name__</c> for generics (list or dict); null for plain types and unions.</summary>
    public string? Origin { get; }

    /// <summary>X of <c>List[X]</c>: the one <c>get_args</c> entry PanDA checks elements against.</summary>
    public PyAnnotation? Element { get; }

    public bool IsStr => _kind == Kind.Builtin && _name == "str";
    public bool IsBool => _kind == Kind.Builtin && _name == "bool";
    public bool IsInt => _kind == Kind.Builtin && _name == "int";
    public bool IsFloat => _kind == Kind.Builtin && _name == "float";

    /// <summary><c>__name__</c>; a <c>types.UnionType</c> has none, which makes PanDA's message itself fail.</summary>
    public string DunderName => _kind == Kind.UnionType
        ? throw PyException.AttributeError("'types.UnionType' object has no attribute '__name__'")
        : _name;

    /// <summary><c>normalize_type</c>: the bare typing aliases become builtins.</summary>
    public PyAnnotation Normalized => _kind == Kind.TypingAlias ? new PyAnnotation(Kind.Builtin, Origin!) : this;

    public static PyAnnotation? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var parts = SplitUnion(text.Trim());
        if (parts.Count == 1)
        {
            return ParseSingle(parts[0]);
        }
        var members = parts.Select(ParseSingle).ToList();
        // typing.Dict | str builds a typing.Union; dict | str a types.UnionType.
        var typing = members.Any(m => m._kind is Kind.TypingAlias or Kind.Generic);
        return new PyAnnotation(typing ? Kind.TypingUnion : Kind.UnionType, "Union", parts: members);
    }

    /// <summary><c>isinstance(value, annotation)</c>.</summary>
    public bool IsInstance(object? value) => _kind switch
    {
        Kind.Builtin => IsBuiltinInstance(_name, value),
        Kind.TypingAlias => IsBuiltinInstance(Origin!, value),
        Kind.Generic => throw PyException.TypeError("Subscripted generics cannot be used with class and instance checks"),
        Kind.TypingUnion or Kind.UnionType => _parts.Any(p => p.IsInstance(value)),
        _ => throw PyException.TypeError("isinstance() arg 2 must be a type, a tuple of types, or a union"),
    };

    public static bool IsBuiltinInstance(string type, object? value) => type switch
    {
        "int" => PyOps.IsInt(value),
        "bool" => value is bool,
        "str" => value is string,
        "float" => value is double,
        "dict" => value is PyDict,
        "list" => value is PyList,
        "tuple" => value is PyTuple,
        "FileStorage" => value is PyFile,
        "NoneType" => value is null,
        "Any" => true,
        _ => false,
    };

    private static PyAnnotation ParseSingle(string text)
    {
        var open = text.IndexOf('[');
        if (open > 0 && text.EndsWith(']'))
        {
            var head = text[..open];
            var inner = text[(open + 1)..^1];
            var origin = OriginOf(head) ?? throw new FormatException($"Unknown generic annotation '{text}'.");
            var element = origin == "list" ? Parse(inner) : null;
            return new PyAnnotation(Kind.Generic, head, origin, element);
        }
        return text switch
        {
            "List" or "Dict" or "Tuple" => new PyAnnotation(Kind.TypingAlias, text, OriginOf(text)),
            "None" => new PyAnnotation(Kind.Builtin, "NoneType"),
            "id" => new PyAnnotation(Kind.NotAType, "id"),
            _ => new PyAnnotation(Kind.Builtin, text),
        };
    }

    private static string? OriginOf(string head) => head switch
    {
        "List" or "list" => "list",
        "Dict" or "dict" => "dict",
        "Tuple" or "tuple" => "tuple",
        _ => null,
    };

    private static List<string> SplitUnion(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[': depth++; break;
                case ']': depth--; break;
                case '|' when depth == 0:
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        parts.Add(text[start..].Trim());
        return parts;
    }
}
