namespace PandaMcp.CatalogGenerator.Python;

/// <summary>What the reader takes from a Python file: its docstring and its top-level functions, in source order.</summary>
internal sealed record PythonModule(string? Docstring, IReadOnlyList<PythonFunction> Functions);
