using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Gateway.Sessions;

#pragma warning disable MCP9006 // The SDK's resumability hooks: obsolete only because 2026-07-28 has no sessions.

/// <summary>Replays a stream after a client's <c>Last-Event-ID</c>, then follows it live until it ends.</summary>
public sealed class GrainEventStreamReader(
    ISessionGrain session,
    string sessionId,
    string streamId,
    long afterSequence,
    SessionEventMessages messages,
    TimeSpan pollWait) : ISseEventStreamReader
{
    public string SessionId => sessionId;

    public string StreamId => streamId;

    public async IAsyncEnumerable<SseItem<JsonRpcMessage?>> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var after = afterSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await session.ReadAsync(streamId, after, pollWait).WaitAsync(cancellationToken);
            foreach (var sessionEvent in batch.Events)
            {
                after = sessionEvent.Sequence;
                yield return messages.ToItem(sessionId, sessionEvent);
            }
            if (batch.Ended)
            {
                yield break;
            }
        }
    }
}
