using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Gateway.Tools;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// A session's streams as SSE: what its grain pushes, each event rendered as the JSON-RPC message it stands for
/// (PanDA's recorded answer to a tool call becomes the call's response here, on whichever gateway reads it).
/// Every stream of both transports is written through here.
/// </summary>
public sealed class SessionStreams(PandaToolSet tools, PandaToolInvoker invoker, IOptions<StreamOptions> options)
{
    /// <summary>The first event of a new stream: its id, to resume from, and how soon to reconnect; no data.</summary>
    public SseItem<byte[]?> Start(string sessionId, long sequence) => new(null, ServerSentEvents.MessageEvent)
    {
        EventId = SessionEventIds.Format(sessionId, sequence),
        ReconnectionInterval = options.Value.RetryInterval,
    };

    /// <summary>
    /// The events the grain pushes after the first item (which the caller has read), until the stream ends.
    /// A tool call's answer completes <paramref name="call"/>'s measurement, if given.
    /// </summary>
    public async IAsyncEnumerable<SseItem<byte[]?>> EventsAsync(
        string sessionId,
        IAsyncEnumerator<SessionStreamItem> stream,
        SessionToolCallResult? call = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await stream.MoveNextAsync())
        {
            if (stream.Current.Event is not { } added)
            {
                continue;
            }
            yield return new SseItem<byte[]?>(Render(added.Data, call), ServerSentEvents.MessageEvent)
            {
                EventId = SessionEventIds.Format(sessionId, added.Sequence),
            };
        }
    }

    /// <summary>The JSON-RPC message an event carries; null for the start of a stream.</summary>
    public byte[]? Render(SessionEventData data, SessionToolCallResult? call = null)
    {
        if (data.MessageJson is { } json)
        {
            return Encoding.UTF8.GetBytes(json);
        }
        if (data.ToolResult is not { } recorded)
        {
            return null;
        }
        if (tools.Find(recorded.ToolName) is not { } tool)
        {
            // The call finished after its gateway was gone, and this gateway does not offer the tool.
            return JsonRpcMessages.Result(recorded.RequestIdJson, ToolResults.Orphaned(recorded.ToolName));
        }
        var result = call?.Measurement is { } measurement
            ? invoker.Complete(measurement, tool, recorded.Reply)
            : ToolResults.From(tool.Endpoint, recorded.Reply);
        return JsonRpcMessages.Result(recorded.RequestIdJson, result);
    }

    /// <summary>The last word of a call's stream whose session ended before PanDA answered.</summary>
    public byte[] Ended(SessionToolCallResult call, string requestIdJson)
    {
        call.Measurement?.Complete(ToolCallOutcome.Cancelled, 0);
        return JsonRpcMessages.Error(requestIdJson, McpProtocol.SessionNotFound,
            "The session ended while PanDA worked on this call, and its answer with it. The call may have reached PanDA: check its effect before repeating a change.");
    }

    /// <summary>What lost a call's stream whose session lives on elsewhere: the silo that ran the call is gone.</summary>
    public static SiloUnavailableException LostWithSilo() => new("The silo that ran the call is gone, and the call's stream with it.");

    /// <summary>The last word of a call's stream that broke before its answer: its fate is unknown.</summary>
    public byte[] Broken(SessionToolCallResult call, string requestIdJson, Exception failure)
    {
        var answer = invoker.Failed(call.Measurement!, call.Tool!, failure);
        return answer.Error is { } error
            ? JsonRpcMessages.Error(requestIdJson, (int)error.ErrorCode, error.Message)
            : JsonRpcMessages.Result(requestIdJson, answer.Result);
    }
}
