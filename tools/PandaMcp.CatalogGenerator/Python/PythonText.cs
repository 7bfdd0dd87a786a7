namespace PandaMcp.CatalogGenerator.Python;

/// <summary>Scanning over Python text without comments: string literals are stepped over and brackets counted.</summary>
internal static class PythonText
{
    public static bool IsQuote(char c) => c is '"' or '\'';

    /// <summary>The index just past the string literal whose opening quote is at <paramref name="start"/>, or -1 if it is not closed.</summary>
    public static int SkipString(string text, int start)
    {
        var quote = text[start];
        var triple = start + 2 < text.Length && text[start + 1] == quote && text[start + 2] == quote;
        var i = start + (triple ? 3 : 1);
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                // Even in a raw string a backslash keeps the next quote from closing it.
                i += 2;
                continue;
            }
            if (c == quote && (!triple || (i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote)))
            {
                return i + (triple ? 3 : 1);
            }
            if (c == '\n' && !triple)
            {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /// <summary>The first <paramref name="target"/> outside strings and brackets, at or after <paramref name="start"/>; -1 if none.</summary>
    public static int IndexOfTopLevel(string text, char target, int start = 0)
    {
        var depth = 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (depth == 0 && c == target)
            {
                return i;
            }
            switch (c)
            {
                case '"' or '\'':
                    var end = SkipString(text, i);
                    if (end < 0)
                    {
                        return -1;
                    }
                    i = end - 1;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
            }
        }
        return -1;
    }

    /// <summary>The index of the bracket that closes the one at <paramref name="open"/>; -1 if it is not closed.</summary>
    public static int FindClosing(string text, int open)
    {
        var closing = text[open] switch { '(' => ')', '[' => ']', _ => '}' };
        return IndexOfTopLevel(text, closing, open + 1);
    }

    /// <summary>The parts between top-level separators, trimmed; a trailing separator adds no empty part.</summary>
    public static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        var start = 0;
        while (true)
        {
            var at = IndexOfTopLevel(text, separator, start);
            var part = (at < 0 ? text[start..] : text[start..at]).Trim();
            if (part.Length > 0 || at >= 0)
            {
                parts.Add(part);
            }
            if (at < 0)
            {
                return parts;
            }
            start = at + 1;
        }
    }
}
