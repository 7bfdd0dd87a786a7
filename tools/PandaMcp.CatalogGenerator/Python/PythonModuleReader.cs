using System.Text.RegularExpressions;

namespace PandaMcp.CatalogGenerator.Python;

/// <summary>
/// Reads the top-level functions of a Python file without running Python: enough of the language for PanDA's
/// API modules (decorators, signatures over several lines, annotations, defaults, docstrings). Function bodies
/// are skipped but for their docstring.
/// </summary>
internal static partial class PythonModuleReader
{
    /// <exception cref="PythonSyntaxException">The file has an unclosed string or bracket, or a <c>def</c> the reader cannot take apart.</exception>
    public static PythonModule Read(string source)
    {
        var lines = LogicalLines.Split(source);
        var docstring = lines.Count > 0 && PythonLiteral.TryParseString(lines[0].Text, out var text) ? text : null;
        var functions = new List<PythonFunction>();
        var decorators = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Indent > 0)
            {
                continue;
            }
            if (line.Text.StartsWith('@'))
            {
                decorators.Add(line.Text[1..].Trim());
                continue;
            }
            if (Def().Match(line.Text) is { Success: true } def)
            {
                var body = i + 1 < lines.Count && lines[i + 1].Indent > 0 ? lines[i + 1] : null;
                var function = ReadFunction(line, def, decorators, body);
                // As in Python, a later def of the same name replaces the earlier one.
                functions.RemoveAll(f => f.Name == function.Name);
                functions.Add(function);
            }
            decorators = [];
        }
        return new PythonModule(docstring, functions);
    }

    private static PythonFunction ReadFunction(LogicalLine line, Match def, List<string> decorators, LogicalLine? body)
    {
        var text = line.Text;
        var name = def.Groups["name"].Value;
        var open = def.Index + def.Length - 1;
        var close = PythonText.FindClosing(text, open);
        var colon = close < 0 ? -1 : PythonText.IndexOfTopLevel(text, ':', close + 1);
        if (colon < 0)
        {
            throw new PythonSyntaxException(line.Line, $"the definition of {name} has no closing ')' and ':'");
        }
        var arrow = text[(close + 1)..colon].Trim();
        if (arrow.Length > 0 && !arrow.StartsWith("->", StringComparison.Ordinal))
        {
            throw new PythonSyntaxException(line.Line, $"unexpected '{arrow}' after the parameters of {name}");
        }
        var returnAnnotation = arrow.Length > 0 ? OneLine(arrow[2..]) : null;
        var parameters = PythonText.SplitTopLevel(text[(open + 1)..close], ',')
            .Where(p => p is not ("*" or "/"))
            .Select(p => ReadParameter(p, line.Line, name))
            .ToList();
        // The docstring is the first statement of the body, which may follow the colon on the same line.
        var inline = text[(colon + 1)..].Trim();
        var first = inline.Length > 0 ? inline : body?.Text;
        var docstring = first is not null && PythonLiteral.TryParseString(first, out var doc) ? doc : null;
        return new PythonFunction(name, line.Line, decorators, parameters, returnAnnotation, docstring);
    }

    private static PythonParameter ReadParameter(string text, int line, string function)
    {
        var kind = text.StartsWith("**", StringComparison.Ordinal) ? PythonParameterKind.VarKeyword
            : text.StartsWith('*') ? PythonParameterKind.VarPositional
            : PythonParameterKind.Named;
        var rest = text.TrimStart('*');
        var equals = PythonText.IndexOfTopLevel(rest, '=');
        var head = equals < 0 ? rest : rest[..equals];
        var colon = head.IndexOf(':');
        var name = (colon < 0 ? head : head[..colon]).Trim();
        if (!Identifier().IsMatch(name))
        {
            throw new PythonSyntaxException(line, $"'{text}' is not a parameter the reader understands (in {function})");
        }
        var annotation = colon < 0 ? null : OneLine(head[(colon + 1)..]);
        var defaultText = equals < 0 ? null : rest[(equals + 1)..].Trim();
        return new PythonParameter(name, kind, annotation, defaultText);
    }

    /// <summary>An annotation as it reads on one line, when a formatter has wrapped it over several.</summary>
    private static string OneLine(string annotation)
    {
        var text = annotation.Trim();
        return text.Contains('\n') ? WrappedSpace().Replace(Whitespace().Replace(text, " "), "") : text;
    }

    [GeneratedRegex(@"^def\s+(?<name>[A-Za-z_]\w*)\s*\(")]
    private static partial Regex Def();

    [GeneratedRegex(@"^[A-Za-z_]\w*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[\[(]) | (?=[\]),])")]
    private static partial Regex WrappedSpace();
}
