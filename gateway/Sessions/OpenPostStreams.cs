using System.Collections.Concurrent;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// The POST streams of sessions this gateway is writing now. A tool call tells its POST's stream that the session
/// grain has recorded its answer already, so the stream hands the SDK that event's id instead of writing the
/// answer to the grain a second time: one cluster round trip fewer per call. The SDK lets go of a POST's writer
/// after its final response, or when the session's copy on this gateway ends (a cancelled request has no final
/// response), so an entry lives no longer than that.
/// </summary>
public sealed class OpenPostStreams
{
    private readonly ConcurrentDictionary<(string SessionId, string StreamId), GrainEventStreamWriter> _writers = new();

    public GrainEventStreamWriter Add(GrainEventStreamWriter writer)
    {
        if (writer.IsPostStream)
        {
            _writers[(writer.SessionId, writer.StreamId)] = writer;
        }
        return writer;
    }

    public void Remove(GrainEventStreamWriter writer) =>
        _writers.TryRemove(KeyValuePair.Create((writer.SessionId, writer.StreamId), writer));

    /// <summary>Nothing happens when the stream is not open here (any more): the SDK's answer then goes to the grain.</summary>
    public void AnswerRecorded(string sessionId, string streamId, long sequence)
    {
        if (_writers.TryGetValue((sessionId, streamId), out var writer))
        {
            writer.AnswerRecorded(sequence);
        }
    }
}
