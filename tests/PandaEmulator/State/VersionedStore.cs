using System.Collections.Concurrent;

namespace PandaEmulator.State;

/// <summary>
/// Immutable records by key. Reads take no lock; a change computes the next record from the current one and
/// retries if another request changed it meanwhile, so a check and its update act as one step.
/// </summary>
internal sealed class VersionedStore<TKey, TRecord>
    where TKey : notnull
    where TRecord : class
{
    private readonly ConcurrentDictionary<TKey, TRecord> _records;

    public VersionedStore(IEnumerable<KeyValuePair<TKey, TRecord>> records) => _records = new ConcurrentDictionary<TKey, TRecord>(records);

    public ICollection<TRecord> Values => _records.Values;

    public TRecord? Find(TKey key) => _records.GetValueOrDefault(key);

    public bool TryAdd(TKey key, TRecord record) => _records.TryAdd(key, record);

    /// <summary>
    /// Applies <paramref name="decide"/> to the current record (null when absent): it returns the next record
    /// (null for no change) and the result to hand back.
    /// </summary>
    public TResult Update<TResult>(TKey key, Func<TRecord?, (TRecord? Next, TResult Result)> decide)
    {
        while (true)
        {
            var current = _records.GetValueOrDefault(key);
            var (next, result) = decide(current);
            if (next is null || current is null || ReferenceEquals(next, current) || _records.TryUpdate(key, next, current))
            {
                return result;
            }
        }
    }

    /// <summary>Replaces the record if present (last writer wins); for changes that do not depend on a check.</summary>
    public TRecord? Change(TKey key, Func<TRecord, TRecord> change) =>
        Update<TRecord?>(key, current =>
        {
            if (current is null)
            {
                return (null, null);
            }
            var next = change(current);
            return (next, next);
        });
}
