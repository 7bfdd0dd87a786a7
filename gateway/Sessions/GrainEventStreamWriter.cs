using System.Net.ServerSentEvents;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Gateway.Sessions;

#pragma warning disable MCP9006 // The SDK's resumability hooks: obsolete only because 2026-07-28 has no sessions.

/// <summary>Writes one SSE stream of a session into its grain, which gives each event its id.</summary>
public sealed class GrainEventStreamWriter(
    ISessionGrain session,
    string sessionId,
    string streamId,
    SessionEventMessages messages,
    TimeSpan retryInterval) : ISseEventStreamWriter
{
    public async ValueTask<SseItem<JsonRpcMessage?>> WriteEventAsync(SseItem<JsonRpcMessage?> sseItem, CancellationToken cancellationToken = default)
    {
        var written = await session.AppendAsync(streamId, SessionEventMessages.ToData(sseItem, streamId, retryInterval));
        // What the grain keeps, as the client gets it: for a recorded tool result, the SDK's own rendering.
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
        if (streamId == StreamableHttpServerTransport.UnsolicitedMessageStreamId)
        {
            await session.CompleteStreamAsync(streamId);
        }
    }
}
