using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Clients;
using PandaMcp.Contracts;

namespace PandaMcp.StdioBridge;

/// <summary>
/// The stdio server's tools/list and tools/call handlers: each request goes on to the gateway and its answer
/// comes back unchanged. Only tools are forwarded because the gateway offers nothing else; ping and the
/// handshake are the stdio server's own.
/// </summary>
internal sealed partial class GatewayForwarder(GatewayConnection gateway, IdTokenFile tokenFile, ILogger<GatewayForwarder> logger)
{
    /// <summary>The SDK client's prefix on a remote JSON-RPC error; taken off so the agent sees the gateway's own words.</summary>
    private const string RemotePrefix = "Request failed (remote): ";

    public ValueTask<ListToolsResult> ListToolsAsync(RequestContext<ListToolsRequestParams> request, CancellationToken cancellationToken) =>
        ForwardAsync(
            (client, token) => client.ListToolsAsync(new ListToolsRequestParams { Cursor = request.Params?.Cursor }, token),
            cancellationToken);

    public async ValueTask<CallToolResult> CallToolAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var name = request.Params?.Name ?? throw new McpProtocolException("tools/call needs a tool name.", McpErrorCode.InvalidParams);
        // Only name and arguments go on: the agent's _meta (progress token, its protocol's fields) belongs to this hop.
        var forwarded = new CallToolRequestParams { Name = name, Arguments = request.Params.Arguments };
        var result = await ForwardAsync((client, token) => client.CallToolAsync(forwarded, token), cancellationToken);
        return result.IsError == true && tokenFile.Current().Problem is { } problem ? WithTokenNote(result, problem) : result;
    }

    private async ValueTask<T> ForwardAsync<T>(Func<McpClient, CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        var client = await gateway.GetAsync(cancellationToken);
        try
        {
            return await call(client, cancellationToken);
        }
        catch (McpProtocolException e)
        {
            throw new McpProtocolException(e.Message.StartsWith(RemotePrefix, StringComparison.Ordinal) ? e.Message[RemotePrefix.Length..] : e.Message, e.ErrorCode);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = OneLine.Of(e);
            LogForwardFailed(gateway.Url, reason);
            await gateway.ForgetAsync(client);
            throw new McpException($"The PanDA MCP gateway at {gateway.Url} did not answer: {reason}", e);
        }
    }

    /// <summary>Tells the agent why a call that PanDA refused went without a token, which PanDA's own message cannot.</summary>
    private static CallToolResult WithTokenNote(CallToolResult result, string problem)
    {
        result.Content.Add(new TextContentBlock
        {
            Text = $"Note from {BridgeIdentity.Name}: this call went to PanDA without an ID token because {problem}. "
                + "Run get_panda_token to get a fresh token; the bridge picks it up without a restart.",
        });
        return result;
    }

    [LoggerMessage(EventId = LogEvents.BridgeForwardFailed, Level = LogLevel.Warning, Message = "A request to the gateway at {Url} failed: {Reason}")]
    private partial void LogForwardFailed(Uri url, string reason);
}
