namespace PandaMcp.CatalogGenerator.Python;

internal enum PythonParameterKind
{
    /// <summary>An ordinary parameter, keyword-only ones included.</summary>
    Named,

    /// <summary><c>*args</c>.</summary>
    VarPositional,

    /// <summary><c>**kwargs</c>.</summary>
    VarKeyword,
}
