using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Gateway.Sessions;

#pragma warning disable MCP9006 // The SDK's resumability hooks: obsolete only because 2026-07-28 has no sessions.

/// <summary>
/// The SDK's SSE event store, kept in session grains: any gateway can resume any stream of any session,
/// including the answer of a tool call whose gateway went away while PanDA worked on it.
/// </summary>
public sealed class GrainEventStreamStore(
    IGrainFactory grains,
    SessionEventMessages messages,
    OpenPostStreams postStreams,
    IOptions<SessionTransportOptions> options) : ISseEventStreamStore
{
    public ValueTask<ISseEventStreamWriter> CreateStreamAsync(SseEventStreamOptions stream, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<ISseEventStreamWriter>(postStreams.Add(new GrainEventStreamWriter(
            grains.GetGrain<ISessionGrain>(stream.SessionId), stream.SessionId, stream.StreamId, messages, postStreams, options.Value.RetryInterval)));

    public async ValueTask<ISseEventStreamReader?> GetStreamReaderAsync(string lastEventId, CancellationToken cancellationToken = default)
    {
        if (!SessionEventIds.TryParse(lastEventId, out var sessionId, out var startedStream, out var sequence))
        {
            return null;
        }
        var session = grains.GetGrain<ISessionGrain>(sessionId);
        return (startedStream ?? await session.StreamOfAsync(sequence)) is { } streamId
            ? new GrainEventStreamReader(session, sessionId, streamId, sequence, messages, options.Value.StreamPollWait)
            : null;
    }
}
