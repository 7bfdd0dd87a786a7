using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Tools;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// The answers to a session's requests other than tools/call, as the SDK's session server gives them (the
/// differential test holds the two side by side): none needs PanDA, nor the session grain beyond its admission.
/// </summary>
public sealed class SessionMethods(PandaToolSet tools, IOptions<McpServerOptions> server)
{
    private static readonly ReadOnlyMemory<byte> EmptyResult = "{}"u8.ToArray();

    /// <summary>The revision the session speaks: the client's if this server speaks it, else the newest with sessions.</summary>
    public static string Negotiate(McpRequest request) =>
        request.TryGetParam("protocolVersion", out var asked) && asked.ValueKind == JsonValueKind.String && asked.GetString() is { } version
        && McpProtocol.HasSessions(version)
            ? version
            : McpProtocol.LatestSessionVersion;

    /// <summary>The answer to <paramref name="request"/>: initialize, ping, tools/list, logging/setLevel, or an unknown method.</summary>
    public byte[] Answer(McpRequest request) => request.Method switch
    {
#pragma warning disable MCP9005 // Logging is deprecated from 2026-07-28 on; session clients still set it.
        RequestMethods.Initialize => JsonRpcMessages.Result(request.Id, new InitializeResult
        {
            ProtocolVersion = Negotiate(request),
            Capabilities = new ServerCapabilities { Logging = new LoggingCapability(), Tools = new ToolsCapability() },
            ServerInfo = server.Value.ServerInfo!,
            Instructions = server.Value.ServerInstructions,
        }),
        RequestMethods.ToolsList => JsonRpcMessages.Result(request.Id, tools.ListResultJson),
        RequestMethods.Ping or RequestMethods.LoggingSetLevel => JsonRpcMessages.Result(request.Id, EmptyResult),
#pragma warning restore MCP9005
        _ => JsonRpcMessages.Error(request.Id, (int)McpErrorCode.MethodNotFound, $"Method '{request.Method}' is not available."),
    };

    /// <summary>The level a logging/setLevel asks for; null when it names none this server knows.</summary>
#pragma warning disable MCP9005 // Logging is deprecated from 2026-07-28 on; session clients still set it.
    public static string? LogLevel(McpRequest request) =>
        request.TryGetParam("level", out var level) && level.ValueKind == JsonValueKind.String
        && Enum.TryParse<LoggingLevel>(level.GetString(), ignoreCase: true, out var known)
            ? known.ToString().ToLowerInvariant()
            : null;
#pragma warning restore MCP9005
}
