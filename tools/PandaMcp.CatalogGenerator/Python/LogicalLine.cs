namespace PandaMcp.CatalogGenerator.Python;

/// <summary>
/// One Python statement line: physical lines joined where brackets, triple-quoted strings or a backslash continue
/// them, without comments. <see cref="Indent"/> is that of its first physical line.
/// </summary>
internal sealed record LogicalLine(int Line, int Indent, string Text);
