namespace PandaMcp.CatalogGenerator.Python;

/// <summary>A parameter as written in a <c>def</c>: its annotation and default are source text, null when absent.</summary>
internal sealed record PythonParameter(string Name, PythonParameterKind Kind, string? Annotation, string? Default);
