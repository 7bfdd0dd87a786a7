using System.Text.RegularExpressions;

namespace PandaMcp.CatalogGenerator.Generation;

/// <summary>
/// A Google-style docstring as PanDA writes them: the summary and free text, an <c>API details:</c> section with the
/// <c>HTTP Method:</c> and <c>Path:</c> lines, <c>Args:</c> entries <c>name (type): text</c>, and <c>Returns:</c>.
/// The text is kept as written, only dedented the way Python's <c>inspect.cleandoc</c> does it.
/// </summary>
internal sealed partial record GoogleDocstring(string Description, IReadOnlyDictionary<string, string> Arguments, string Returns, string? HttpMethod)
{
    private static readonly GoogleDocstring Empty = new("", new Dictionary<string, string>(), "", null);

    public static GoogleDocstring Parse(string? docstring)
    {
        if (string.IsNullOrWhiteSpace(docstring))
        {
            return Empty;
        }
        var lines = CleanDoc(docstring);
        var httpMethod = lines.Select(l => HttpMethodLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups["method"].Value.ToUpperInvariant();
        var description = new List<string>();
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var returns = "";
        for (var i = 0; i < lines.Count; i++)
        {
            var header = SectionHeader().Match(lines[i]);
            if (!header.Success)
            {
                // The method is a fact the catalog holds on its own; the line is dropped wherever it stands.
                if (!HttpMethodLine().IsMatch(lines[i]))
                {
                    description.Add(lines[i]);
                }
                continue;
            }
            var body = new List<string>();
            while (i + 1 < lines.Count && (lines[i + 1].Length == 0 || char.IsWhiteSpace(lines[i + 1][0])))
            {
                body.Add(lines[++i]);
            }
            switch (header.Groups["name"].Value.ToLowerInvariant())
            {
                case "args" or "arguments" or "parameters":
                    ReadArguments(Dedent(body), arguments);
                    break;
                case "returns" or "return":
                    returns = Join(Dedent(body));
                    break;
                // "API details" holds the method and path, which the catalog has as facts.
            }
        }
        return new GoogleDocstring(Join(description), arguments, returns, httpMethod);
    }

    /// <summary>Entries start at the section's own indentation; deeper lines continue the entry above them.</summary>
    private static void ReadArguments(List<string> lines, Dictionary<string, string> arguments)
    {
        string? name = null;
        var text = new List<string>();
        foreach (var line in lines)
        {
            var entry = ArgumentEntry().Match(line);
            if (entry.Success)
            {
                Flush();
                name = entry.Groups["name"].Value;
                text = [entry.Groups["text"].Value.Trim()];
            }
            else if (name is not null)
            {
                text.Add(line);
            }
        }
        Flush();

        void Flush()
        {
            if (name is not null)
            {
                arguments[name] = Join([text[0], .. Dedent(text[1..])]);
            }
        }
    }

    /// <summary>What <c>inspect.cleandoc</c> does: tabs expanded, the first line stripped, the rest dedented by their common indentation.</summary>
    private static List<string> CleanDoc(string docstring)
    {
        var lines = docstring.ReplaceLineEndings("\n").Replace("\t", "        ").Split('\n').Select(l => l.TrimEnd()).ToList();
        var rest = Dedent(lines.Skip(1).ToList());
        return [lines[0].TrimStart(), .. rest];
    }

    private static List<string> Dedent(List<string> lines)
    {
        var indents = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).ToList();
        var common = indents.Count == 0 ? 0 : indents.Min();
        return lines.Select(l => l.Length == 0 ? l : l[common..]).ToList();
    }

    /// <summary>The lines as one text, without leading or trailing blank lines and with runs of blank lines made one.</summary>
    private static string Join(IEnumerable<string> lines) => BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();

    [GeneratedRegex(@"^(?<name>Args|Arguments|Parameters|Returns?|API details):\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SectionHeader();

    [GeneratedRegex(@"^\s*HTTP Method:\s*(?<method>[A-Za-z]+)\b")]
    private static partial Regex HttpMethodLine();

    [GeneratedRegex(@"^\*{0,2}(?<name>[A-Za-z_]\w*)\s*(?:\([^)]*\))?\s*:(?<text>.*)$")]
    private static partial Regex ArgumentEntry();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
