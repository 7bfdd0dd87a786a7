using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Protocol;

namespace PandaMcp.Gateway.Tools;

/// <summary>
/// Answers a 2026-07-28 <c>tools/call</c> without the SDK's per-request server. Written by hand because the SDK
/// builds a server and an SSE stream for every sessionless request (tens of KB and most of the gateway's CPU per
/// call), which no SDK option avoids. A request this path is not sure of (headers or metadata that disagree, an id
/// of another kind) is left to the SDK, which decides every error of the revision's rules and every other method.
/// </summary>
public sealed class StatelessToolCalls(
    PandaToolSet tools, PandaToolInvoker invoker, IOptions<StreamOptions> options, IOptions<McpServerOptions> server, TimeProvider time)
{
    /// <summary>As the SDK marks each 2026-07-28 result: with the server's name (<c>_meta</c>, <see cref="MetaKeys.ServerInfo"/>).</summary>
    private readonly JsonObject _resultMeta = new()
    {
        [MetaKeys.ServerInfo] = JsonSerializer.SerializeToNode(server.Value.ServerInfo, McpJsonUtilities.DefaultOptions),
    };

    /// <summary>Answers the request if it is a well-formed 2026-07-28 tools/call (or notification); false (nothing written) otherwise.</summary>
    public async Task<bool> TryAnswerAsync(HttpContext context, McpRequest request)
    {
        if (IsNotification(request))
        {
            // Nothing to do: without a session, a notification has nothing to act on (the SDK's server for the
            // request ends with it). Answered here, because the SDK logs a client's misplaced one as an error.
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return true;
        }
        if (!IsToolCall(request))
        {
            return false;
        }
        if (tools.Find(request.NameHeader) is not { } tool)
        {
            var unknown = PandaToolHandlers.UnknownTool(request.NameHeader);
            await JsonRpcMessages.WriteAsync(context.Response, StatusCodes.Status200OK,
                JsonRpcMessages.Error(request.Id, (int)unknown.ErrorCode, unknown.Message), context.RequestAborted);
            return true;
        }
        var call = invoker.InvokeAsync(tool, request.ArgumentsByName(), request.Credentials, context.RequestAborted);
        if (request.ProgressToken.ValueKind == JsonValueKind.Undefined
            || await Task.WhenAny(call, Task.Delay(options.Value.ProgressInterval, time, context.RequestAborted)) == call)
        {
            await JsonRpcMessages.WriteAsync(context.Response, StatusCodes.Status200OK, Answer(request, await call), context.RequestAborted);
            return true;
        }
        // A client that gave a progress token hears that its call is alive until PanDA answers.
        await ServerSentEvents.StartAsync(context, context.RequestAborted);
        await ServerSentEvents.WriteAsync(context.Response, ProgressAsync(request, call, context.RequestAborted), context.RequestAborted);
        return true;
    }

    private async IAsyncEnumerable<SseItem<byte[]?>> ProgressAsync(
        McpRequest request, Task<ToolCallAnswer> call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var token = request.ProgressToken.GetRawText();
        var reports = 0;
        do
        {
            yield return new SseItem<byte[]?>(WaitingForPanda.Notification(token, ++reports, time.GetElapsedTime(started)), ServerSentEvents.MessageEvent);
        }
        while (await Task.WhenAny(call, Task.Delay(options.Value.ProgressInterval, time, cancellationToken)) != call);
        yield return new SseItem<byte[]?>(Answer(request, await call), ServerSentEvents.MessageEvent);
    }

    private byte[] Answer(McpRequest request, ToolCallAnswer answer)
    {
        if (answer.Error is { } error)
        {
            return JsonRpcMessages.Error(request.Id, (int)error.ErrorCode, error.Message);
        }
        // As the SDK answers a 2026-07-28 request: a complete result, with the server's name.
        answer.Result!.ResultType = "complete";
        if (answer.Result.Meta is { } own)
        {
            own[MetaKeys.ServerInfo] = _resultMeta[MetaKeys.ServerInfo]!.DeepClone();
        }
        else
        {
            answer.Result.Meta = _resultMeta;
        }
        return JsonRpcMessages.Result(request.Id, answer.Result);
    }

    private static bool IsNotification(McpRequest request) =>
        IsWellFormed(request) && request.Id.ValueKind == JsonValueKind.Undefined && !request.Message.TryGetProperty("id", out _);

    private static bool IsToolCall(McpRequest request) =>
        IsWellFormed(request)
        && request.Method == RequestMethods.ToolsCall
        && (request.Id.ValueKind == JsonValueKind.String || request.Id.ValueKind == JsonValueKind.Number && request.Id.TryGetInt64(out _))
        && request.ToolName == request.NameHeader
        && (!request.TryGetParam("arguments", out var arguments) || arguments.ValueKind is JsonValueKind.Object or JsonValueKind.Null)
        && HasSessionlessMeta(request);

    /// <summary>A message whose headers agree with it, to a client that takes both kinds of answer.</summary>
    private static bool IsWellFormed(McpRequest request) =>
        request.ProtocolVersion == McpProtocol.SessionlessVersion
        && request.Method is { } method && request.MethodHeader == method
        && request.SessionId.Length == 0
        && request.AcceptsJsonAndEvents
        && request.Message.TryGetProperty("jsonrpc", out var jsonrpc) && jsonrpc.ValueKind == JsonValueKind.String && jsonrpc.ValueEquals(McpProtocol.JsonRpcVersion);

    /// <summary>The per-request metadata 2026-07-28 asks for.</summary>
    private static bool HasSessionlessMeta(McpRequest request) =>
        request.Meta.ValueKind == JsonValueKind.Object
        && request.Meta.TryGetProperty(MetaKeys.ProtocolVersion, out var version) && version.ValueKind == JsonValueKind.String
        && version.ValueEquals(McpProtocol.SessionlessVersion)
        && request.Meta.TryGetProperty(MetaKeys.ClientCapabilities, out var capabilities) && capabilities.ValueKind == JsonValueKind.Object;
}
