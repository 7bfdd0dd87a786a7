using System.Text.Json;
using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Gateway.Legacy;

/// <summary>
/// Carries one POSTed message of a legacy HTTP+SSE session to an SDK server on the gateway that received it,
/// and everything that server sends into the session's stream in its grain, which the gateway holding the
/// client's <c>GET /sse</c> reads. Written by hand: the SDK's legacy transport writes to a response stream of
/// its own process only.
/// </summary>
public sealed class LegacyMessageTransport : ITransport
{
    /// <summary>The one stream of a legacy session.</summary>
    public const string StreamId = "legacy";

    private readonly ISessionGrain _session;
    private readonly RequestId _requestId;
    private readonly Channel<JsonRpcMessage> _incoming = Channel.CreateUnbounded<JsonRpcMessage>();
    private readonly TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LegacyMessageTransport(ISessionGrain session, JsonRpcRequest request)
    {
        _session = session;
        _requestId = request.Id;
        _incoming.Writer.TryWrite(request);
    }

    /// <summary>
    /// None: the session's tool calls go straight to the module grains. Their answers can only reach this
    /// session's one stream through this gateway anyway, as the 2024-11-05 transport has no resumption.
    /// </summary>
    public string? SessionId => null;

    public ChannelReader<JsonRpcMessage> MessageReader => _incoming.Reader;

    /// <summary>Completes once the server has sent its answer to the request.</summary>
    public Task Answered => _answered.Task;

    public async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(message, McpJsonUtilities.DefaultOptions);
        await _session.AppendAsync(StreamId, new SessionEventData(json)).WaitAsync(cancellationToken);
        if (message is JsonRpcResponse or JsonRpcError && ((JsonRpcMessageWithId)message).Id == _requestId)
        {
            _answered.TrySetResult();
        }
    }

    public ValueTask DisposeAsync()
    {
        _incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
