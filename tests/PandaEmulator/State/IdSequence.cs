namespace PandaEmulator.State;

/// <summary>A thread-safe counter for new ids (PandaIDs, jediTaskIDs...).</summary>
internal sealed class IdSequence(long last)
{
    private long _last = last;

    public long Next() => Interlocked.Increment(ref _last);
}
