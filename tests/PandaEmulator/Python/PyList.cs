namespace PandaEmulator.Python;

/// <summary>A Python <c>list</c>.</summary>
internal sealed class PyList : List<object?>
{
    public PyList()
    {
    }

    public PyList(IEnumerable<object?> items) : base(items)
    {
    }
}
