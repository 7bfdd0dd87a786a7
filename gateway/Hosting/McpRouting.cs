using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Sessions;
using PandaMcp.Gateway.Tools;

namespace PandaMcp.Gateway.Hosting;

/// <summary>
/// Sends each request to /mcp where it is answered: a session's request (2024-11-05 to 2025-11-25) to the
/// gateway's session path, a plain 2026-07-28 tools/call to its sessionless path, and every other sessionless
/// request (server/discover, tools/list, what must be refused) to the SDK.
/// </summary>
public sealed class McpRouting(RequestDelegate next, StreamableHttpSessions sessions, StatelessToolCalls stateless)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = McpRequest.Of(context);
        if (!request.IsSessionless)
        {
            await sessions.HandleAsync(context, request);
            return;
        }
        if (HttpMethods.IsPost(context.Request.Method) && await stateless.TryAnswerAsync(context, request))
        {
            return;
        }
        await next(context);
    }
}
