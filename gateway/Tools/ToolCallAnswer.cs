using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace PandaMcp.Gateway.Tools;

/// <summary>What answers a tool call: its result (a tool error among them), or a protocol error instead.</summary>
public readonly record struct ToolCallAnswer(CallToolResult? Result, McpProtocolException? Error)
{
    public static implicit operator ToolCallAnswer(CallToolResult result) => new(result, null);

    public static implicit operator ToolCallAnswer(McpProtocolException error) => new(null, error);
}
