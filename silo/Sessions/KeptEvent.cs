using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Silo.Sessions;

/// <summary>
/// An event of a session's log; one that carries an answer is also counted by the silo's <see cref="KeptAnswers"/>,
/// which may replace it with a note from another grain's turn: the event is one reference, read and written whole.
/// </summary>
public sealed class KeptEvent(long stream, SessionEvent @event, DateTimeOffset at)
{
    private SessionEvent _event = @event;
    private long _bytes;

    public long Stream { get; } = stream;

    public DateTimeOffset At { get; } = at;

    public SessionEvent Event => Volatile.Read(ref _event);

    internal bool IsReleased => Interlocked.Read(ref _bytes) == 0;

    internal long Charge(long bytes) => _bytes = bytes;

    /// <summary>The bytes it was counted for, once: 0 when they were already released.</summary>
    internal long Release() => Interlocked.Exchange(ref _bytes, 0);

    internal void Replace(SessionEventData data) => Volatile.Write(ref _event, _event with { Data = data });
}
