using Microsoft.Extensions.Options;

namespace PandaMcp.Silo.PublicReads;

/// <summary>
/// What the public-read grains of one silo may keep for reuse, in answers and in bytes: each grain keeps at most one
/// answer, and there is a grain per distinct question, so without a bound many distinct questions could fill memory.
/// </summary>
public sealed class PublicReadBudget(IOptions<PublicReadOptions> options)
{
    private readonly int _maxEntries = options.Value.MaxEntries;
    private readonly long _maxBytes = options.Value.MaxBytes;
    private readonly Lock _lock = new();
    private int _entries;
    private long _bytes;

    /// <summary>Takes room for one answer of <paramref name="bytes"/>; false (nothing taken) when there is none.</summary>
    public bool TryTake(long bytes)
    {
        lock (_lock)
        {
            if (_entries + 1 > _maxEntries || _bytes + bytes > _maxBytes)
            {
                return false;
            }
            _entries++;
            _bytes += bytes;
            return true;
        }
    }

    public void Give(long bytes)
    {
        lock (_lock)
        {
            _entries--;
            _bytes -= bytes;
        }
    }
}
