using System.Collections;

namespace PandaEmulator.Python;

/// <summary>A Python <c>dict</c>: insertion-ordered, keys are <c>str</c> (string) or <c>int</c> (long).</summary>
internal sealed class PyDict : IEnumerable<KeyValuePair<object, object?>>
{
    private readonly OrderedDictionary<object, object?> _items;

    public PyDict() => _items = new OrderedDictionary<object, object?>();

    public PyDict(int capacity) => _items = new OrderedDictionary<object, object?>(capacity);

    public int Count => _items.Count;

    public IEnumerable<object> Keys => _items.Keys;

    /// <summary>Reads a value (null when absent, as <c>dict.get</c>) or sets one, keeping the first insertion's place.</summary>
    public object? this[object key]
    {
        get => _items.GetValueOrDefault(key);
        set => _items[key] = value;
    }

    public bool ContainsKey(object key) => _items.ContainsKey(key);

    public bool TryGetValue(object key, out object? value) => _items.TryGetValue(key, out value);

    public void Add(object key, object? value) => _items[key] = value;

    public PyDict Copy()
    {
        var copy = new PyDict(_items.Count);
        foreach (var (key, value) in _items)
        {
            copy[key] = value;
        }
        return copy;
    }

    public IEnumerator<KeyValuePair<object, object?>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
