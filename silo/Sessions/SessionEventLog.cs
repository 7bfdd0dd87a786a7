using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Silo.Sessions;

/// <summary>
/// The SSE streams of one session, in memory, their events bounded by count and age. A stream is named by the
/// sequence of the event that starts it; sequences start at a random 31-bit epoch shifted left by 32 bits, so ids
/// of an earlier activation (before a silo was lost) never match. A stream ends when its writer says so; its
/// events stay readable until they are pruned. PanDA's answers among them count against the silo's
/// <see cref="KeptAnswers"/>, which may replace the oldest with a note that they were dropped.
/// </summary>
public sealed class SessionEventLog(int maxEvents, TimeSpan maxAge, TimeProvider time, KeptAnswers answers)
{
    private readonly LinkedList<KeptEvent> _entries = new();
    private readonly Dictionary<long, StreamState> _streams = [];
    private long _next = ((long)Random.Shared.Next(1, int.MaxValue) << 32) + 1;
    private TaskCompletionSource? _changed;

    /// <summary>A task that completes at the next change (made only when someone waits: idle sessions are many).</summary>
    public Task Changed => (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public int Count => _entries.Count;

    /// <summary>Starts a stream with an event of its own, whose sequence names the stream.</summary>
    public SessionEvent Open()
    {
        var start = new SessionEvent(_next, SessionEventData.StreamStart);
        _streams[start.Sequence] = new StreamState();
        Add(start.Sequence, start);
        return start;
    }

    /// <summary>Adds an event to an open stream, and ends the stream with it if <paramref name="ends"/>; null when the stream is not open.</summary>
    public SessionEvent? Append(long stream, SessionEventData data, bool ends = false)
    {
        if (!_streams.TryGetValue(stream, out var state) || state.Ended)
        {
            return null;
        }
        var added = new SessionEvent(_next, data);
        state.Ended = ends;
        Add(stream, added);
        return added;
    }

    public void End(long stream)
    {
        if (_streams.TryGetValue(stream, out var state) && !state.Ended)
        {
            state.Ended = true;
            Forget(stream, state);
            Signal();
        }
    }

    /// <summary>The stream an event belongs to; null when the event is unknown or no longer kept.</summary>
    public long? StreamOf(long sequence)
    {
        Prune();
        foreach (var entry in _entries)
        {
            if (entry.Event.Sequence == sequence)
            {
                return entry.Stream;
            }
        }
        return null;
    }

    /// <summary>The stream's kept events after <paramref name="afterSequence"/>, and whether the stream has ended.</summary>
    public (IReadOnlyList<SessionEvent> Events, bool Ended) Read(long stream, long afterSequence)
    {
        if (!_streams.TryGetValue(stream, out var state))
        {
            return ([], true);
        }
        List<SessionEvent>? events = null;
        foreach (var entry in _entries)
        {
            if (entry.Stream == stream && entry.Event.Sequence > afterSequence)
            {
                (events ??= []).Add(entry.Event);
            }
        }
        return ((IReadOnlyList<SessionEvent>?)events ?? [], state.Ended);
    }

    public void Clear()
    {
        foreach (var entry in _entries)
        {
            Release(entry);
        }
        _entries.Clear();
        _streams.Clear();
        Signal();
    }

    private void Add(long stream, SessionEvent added)
    {
        _next++;
        var entry = new KeptEvent(stream, added, time.GetUtcNow());
        _entries.AddLast(entry);
        if (added.Data.ToolResult is not null)
        {
            answers.Keep(entry);
        }
        _streams[stream].Kept++;
        Prune();
        Signal();
    }

    private void Prune()
    {
        var oldest = time.GetUtcNow() - maxAge;
        while (_entries.First is { } first && (_entries.Count > maxEvents || first.Value.At < oldest))
        {
            _entries.RemoveFirst();
            Release(first.Value);
            if (_streams.TryGetValue(first.Value.Stream, out var state))
            {
                state.Kept--;
                Forget(first.Value.Stream, state);
            }
        }
    }

    /// <summary>An ended stream is forgotten with its last kept event; an open one is kept for its writer.</summary>
    private void Forget(long stream, StreamState state)
    {
        if (state.Ended && state.Kept == 0)
        {
            _streams.Remove(stream);
        }
    }

    private void Release(KeptEvent entry)
    {
        if (entry.Event.Data.ToolResult is not null)
        {
            answers.Forget(entry);
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = null;
        changed?.TrySetResult();
    }

    private sealed class StreamState
    {
        public bool Ended { get; set; }

        public int Kept { get; set; }
    }
}
