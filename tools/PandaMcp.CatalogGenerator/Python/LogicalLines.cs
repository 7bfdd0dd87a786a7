using System.Text;

namespace PandaMcp.CatalogGenerator.Python;

/// <summary>Splits Python source into <see cref="LogicalLine"/>s, the way the tokenizer groups physical lines.</summary>
internal static class LogicalLines
{
    private const int TabWidth = 8;

    public static List<LogicalLine> Split(string source)
    {
        var text = source.ReplaceLineEndings("\n");
        var lines = new List<LogicalLine>();
        var current = new StringBuilder();
        var openBrackets = new Stack<int>();
        var line = 1;
        var startLine = 1;
        var indent = 0;
        var atLineStart = true;
        var i = 0;
        while (i < text.Length)
        {
            if (atLineStart)
            {
                var (width, next) = Indentation(text, i);
                if (next >= text.Length || text[next] is '\n' or '#')
                {
                    // Blank and comment-only lines separate nothing.
                    i = SkipPastNewline(text, next);
                    line++;
                    continue;
                }
                (indent, startLine, atLineStart, i) = (width, line, false, next);
            }
            var c = text[i];
            switch (c)
            {
                case '#':
                    i = text.IndexOf('\n', i) is var newline and >= 0 ? newline : text.Length;
                    continue;
                case '"' or '\'':
                    var end = PythonText.SkipString(text, i);
                    if (end < 0)
                    {
                        throw new PythonSyntaxException(line, "a string literal is not closed");
                    }
                    var literal = text[i..end];
                    current.Append(literal);
                    line += literal.Count(ch => ch == '\n');
                    i = end;
                    continue;
                case '(' or '[' or '{':
                    openBrackets.Push(line);
                    break;
                case ')' or ']' or '}':
                    if (!openBrackets.TryPop(out _))
                    {
                        throw new PythonSyntaxException(line, $"'{c}' closes no bracket");
                    }
                    break;
                case '\\' when i + 1 < text.Length && text[i + 1] == '\n':
                    i += 2;
                    line++;
                    continue;
                case '\n':
                    line++;
                    i++;
                    if (openBrackets.Count == 0)
                    {
                        lines.Add(new LogicalLine(startLine, indent, current.ToString().TrimEnd()));
                        current.Clear();
                        atLineStart = true;
                    }
                    else
                    {
                        current.Append('\n');
                    }
                    continue;
            }
            current.Append(c);
            i++;
        }
        if (openBrackets.Count > 0)
        {
            throw new PythonSyntaxException(openBrackets.Last(), "a bracket opened here is not closed");
        }
        if (!atLineStart)
        {
            lines.Add(new LogicalLine(startLine, indent, current.ToString().TrimEnd()));
        }
        return lines;
    }

    private static (int Width, int Next) Indentation(string text, int start)
    {
        var width = 0;
        var i = start;
        for (; i < text.Length && text[i] is ' ' or '\t' or '\f'; i++)
        {
            width = text[i] == '\t' ? (width / TabWidth + 1) * TabWidth : text[i] == ' ' ? width + 1 : 0;
        }
        return (width, i);
    }

    private static int SkipPastNewline(string text, int start) =>
        text.IndexOf('\n', start) is var newline and >= 0 ? newline + 1 : text.Length;
}
