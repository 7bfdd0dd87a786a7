using System.Net.ServerSentEvents;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Gateway.Sessions;

#pragma warning disable MCP9006 // The SDK's resumability hooks: obsolete only because 2026-07-28 has no sessions.

/// <summary>
/// Writes one SSE stream of a session into its grain, which gives each event its id. A POST's stream costs no
/// grain call for its priming event (its id names the stream's start) nor for a tool call answer the grain has
/// recorded already (it has an id): a session's tool call is then one grain call besides the session check.
/// </summary>
public sealed class GrainEventStreamWriter(
    ISessionGrain session,
    string sessionId,
    string streamId,
    SessionEventMessages messages,
    OpenPostStreams postStreams,
    TimeSpan retryInterval) : ISseEventStreamWriter
{
    private long _recordedAnswer;

    public string SessionId => sessionId;

    public string StreamId => streamId;

    /// <summary>A POST's stream, which ends with its answer; the other is the session's GET stream.</summary>
    public bool IsPostStream => streamId != StreamableHttpServerTransport.UnsolicitedMessageStreamId;

    /// <summary>The grain keeps the answer to this POST's call under <paramref name="sequence"/>.</summary>
    public void AnswerRecorded(long sequence) => Interlocked.Exchange(ref _recordedAnswer, sequence);

    public async ValueTask<SseItem<JsonRpcMessage?>> WriteEventAsync(SseItem<JsonRpcMessage?> sseItem, CancellationToken cancellationToken = default)
    {
        if (sseItem.Data is null && IsPostStream)
        {
            return sseItem with
            {
                EventId = SessionEventIds.FormatStreamStart(sessionId, streamId),
                ReconnectionInterval = sseItem.ReconnectionInterval ?? retryInterval,
            };
        }
        if (sseItem.Data is JsonRpcResponse { Id: var id } && id.ToString() == streamId
            && Interlocked.Exchange(ref _recordedAnswer, 0) is > 0 and var recorded)
        {
            return sseItem with { EventId = SessionEventIds.Format(sessionId, recorded) };
        }

        var written = await session.AppendAsync(streamId, SessionEventMessages.ToData(sseItem, streamId, retryInterval));
        // The id the grain gave the event; a priming event of the GET stream as the grain keeps it.
        return sseItem.Data is null ? messages.ToItem(sessionId, written) : sseItem with
        {
            EventId = written.Sequence > 0 ? SessionEventIds.Format(sessionId, written.Sequence) : null,
        };
    }

    /// <summary>Polling mode is only entered by server code that asks for it, which this server has none of.</summary>
    public ValueTask SetModeAsync(SseEventStreamMode mode, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <summary>
    /// The GET stream ends with its writer. A POST's stream ends with its final response instead, which the
    /// grain may record after this gateway has let go of the stream (when it stops, for instance).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (IsPostStream)
        {
            postStreams.Remove(this);
        }
        else
        {
            await session.CompleteStreamAsync(streamId);
        }
    }
}
