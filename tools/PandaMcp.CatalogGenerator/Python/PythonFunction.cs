namespace PandaMcp.CatalogGenerator.Python;

/// <summary>A top-level <c>def</c>: its decorators (source text after the <c>@</c>), signature and docstring.</summary>
internal sealed record PythonFunction(
    string Name,
    int Line,
    IReadOnlyList<string> Decorators,
    IReadOnlyList<PythonParameter> Parameters,
    string? ReturnAnnotation,
    string? Docstring);
