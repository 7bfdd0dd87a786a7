using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Silo.Sessions;

/// <summary>
/// The SSE events of one session, in memory, bounded by count and age. Sequences start at a random 31-bit
/// epoch shifted left by 32 bits, so ids of an earlier activation (before a silo was lost) never match.
/// A stream ends with its final response: later events of that stream are not kept. A tool call's answer is
/// recorded by the grain; should a gateway still write its own final response for that call (it does not when it
/// knows of the record), it replaces the record under the same id.
/// </summary>
public sealed class SessionEventLog(int maxEvents, TimeSpan maxAge, TimeProvider time)
{
    private readonly LinkedList<Entry> _entries = new();
    private readonly Dictionary<string, StreamState> _streams = new(StringComparer.Ordinal);
    private long _next = ((long)Random.Shared.Next(1, int.MaxValue) << 32) + 1;
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>A task that completes at the next change.</summary>
    public Task Changed => _changed.Task;

    public int Count => _entries.Count;

    public SessionEvent Append(string streamId, SessionEventData data)
    {
        var stream = StreamFor(streamId);
        if (data.FinalForRequestIdJson is { } requestId && stream.Final is { } recorded
            && recorded.Value.Event.Data.ToolResult?.RequestIdJson == requestId)
        {
            // The gateway's own rendering of a result the grain recorded: one event, the gateway's words.
            recorded.Value = recorded.Value with { Event = recorded.Value.Event with { Data = data } };
            Signal();
            return recorded.Value.Event;
        }
        if (stream.Final is not null)
        {
            return new SessionEvent(0, data);
        }

        var entry = _entries.AddLast(new Entry(streamId, new SessionEvent(_next++, data), time.GetUtcNow()));
        stream.Kept++;
        if (data.ToolResult is not null || data.FinalForRequestIdJson is not null)
        {
            stream.Final = entry;
        }
        Prune();
        Signal();
        return entry.Value.Event;
    }

    public void Complete(string streamId)
    {
        if (_streams.TryGetValue(streamId, out var stream))
        {
            stream.Completed = true;
            if (stream.Kept == 0)
            {
                _streams.Remove(streamId);
            }
            Signal();
        }
    }

    /// <summary>A stream that has its first event still to come (a POST whose call has started): readers wait for it.</summary>
    public void Open(string streamId) => StreamFor(streamId);

    /// <summary>Whether the stream has been opened, had an event or ended here (and is still kept).</summary>
    public bool Knows(string streamId) => _streams.ContainsKey(streamId);

    public string? StreamOf(long sequence)
    {
        Prune();
        foreach (var entry in _entries)
        {
            if (entry.Event.Sequence == sequence)
            {
                return entry.StreamId;
            }
        }
        return null;
    }

    /// <summary>The stream's kept events after <paramref name="afterSequence"/>, and whether the stream has ended.</summary>
    public SessionEventBatch Read(string streamId, long afterSequence)
    {
        if (!_streams.TryGetValue(streamId, out var stream))
        {
            return new SessionEventBatch([], Ended: true);
        }
        var events = new List<SessionEvent>();
        foreach (var entry in _entries)
        {
            if (entry.StreamId == streamId && entry.Event.Sequence > afterSequence)
            {
                events.Add(entry.Event);
            }
        }
        return new SessionEventBatch(events, Ended: stream.Completed || stream.Final is not null);
    }

    public void Clear()
    {
        _entries.Clear();
        _streams.Clear();
        Signal();
    }

    private StreamState StreamFor(string streamId)
    {
        if (!_streams.TryGetValue(streamId, out var stream))
        {
            _streams[streamId] = stream = new StreamState();
        }
        return stream;
    }

    private void Prune()
    {
        var oldest = time.GetUtcNow() - maxAge;
        while (_entries.First is { } first && (_entries.Count > maxEvents || first.Value.At < oldest))
        {
            _entries.RemoveFirst();
            if (_streams.TryGetValue(first.Value.StreamId, out var stream) && --stream.Kept == 0 && (stream.Completed || stream.Final is not null))
            {
                _streams.Remove(first.Value.StreamId);
            }
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Entry(string StreamId, SessionEvent Event, DateTimeOffset At);

    private sealed class StreamState
    {
        public bool Completed { get; set; }

        public int Kept { get; set; }

        public LinkedListNode<Entry>? Final { get; set; }
    }
}
