namespace PandaMcp.CatalogGenerator.Python;

/// <summary>Source the reader cannot follow: an unclosed string or bracket, or a definition it cannot take apart.</summary>
internal sealed class PythonSyntaxException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}
