namespace PandaEmulator.Python;

/// <summary>A Python <c>tuple</c>: JSON writes it as an array, repr as <c>(a, b)</c>.</summary>
internal sealed class PyTuple(params object?[] items)
{
    public IReadOnlyList<object?> Items { get; } = items;
}
