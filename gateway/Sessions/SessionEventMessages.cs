using System.Net.ServerSentEvents;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Tools;

namespace PandaMcp.Gateway.Sessions;

/// <summary>Between the SDK's SSE items and the events a session grain keeps.</summary>
public sealed class SessionEventMessages(PandaToolSet tools)
{
    private static readonly JsonSerializerOptions Json = McpJsonUtilities.DefaultOptions;

    public static string RequestIdJson(RequestId id) => JsonSerializer.Serialize(id, Json);

    public static SessionEventData ToData(SseItem<JsonRpcMessage?> item, string streamId, TimeSpan retryInterval)
    {
        if (item.Data is not { } message)
        {
            return SessionEventData.Priming(item.ReconnectionInterval ?? retryInterval);
        }
        var final = message is JsonRpcMessageWithId { Id: var id } and (JsonRpcResponse or JsonRpcError) && id.ToString() == streamId
            ? RequestIdJson(id)
            : null;
        return new SessionEventData(JsonSerializer.Serialize(message, Json), item.ReconnectionInterval, FinalForRequestIdJson: final);
    }

    public SseItem<JsonRpcMessage?> ToItem(string sessionId, SessionEvent sessionEvent) => new(ToMessage(sessionEvent.Data))
    {
        EventId = sessionEvent.Sequence > 0 ? SessionEventIds.Format(sessionId, sessionEvent.Sequence) : null,
        ReconnectionInterval = sessionEvent.Data.RetryInterval,
    };

    private JsonRpcMessage? ToMessage(SessionEventData data)
    {
        if (data.MessageJson is { } json)
        {
            return JsonSerializer.Deserialize<JsonRpcMessage>(json, Json);
        }
        if (data.ToolResult is not { } recorded)
        {
            return null;
        }
        // The call ran to its end after the gateway that asked was gone: render PanDA's answer here.
        var result = tools.Find(recorded.ToolName) is { } tool
            ? ToolResults.From(tool.Endpoint, recorded.Reply)
            : ToolResults.Orphaned(recorded.ToolName);
        return new JsonRpcResponse
        {
            Id = JsonSerializer.Deserialize<RequestId>(recorded.RequestIdJson, Json),
            Result = JsonSerializer.SerializeToNode(result, Json),
        };
    }
}
