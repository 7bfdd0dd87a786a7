namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// Reads each MCP request once into its <see cref="McpRequest"/> feature: the headers, and for a POST the body,
/// buffered and parsed. A body that is not a JSON-RPC message this gateway reads is answered here with the reason;
/// the buffered bytes stay the request's body, for the SDK's part of the work.
/// </summary>
public sealed class McpRequestReader(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = McpRequest.FromHeaders(context.Request);
        context.Features.Set(request);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await next(context);
            return;
        }
        if (!context.Request.HasJsonContentType())
        {
            await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status415UnsupportedMediaType,
                $"An MCP message is sent as JSON: send it with Content-Type: {McpProtocol.JsonMediaType}.", context.RequestAborted);
            return;
        }

        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        var document = JsonRpcShape.Parse(body, out var problem);
        if (document is null)
        {
            var (code, message, id) = problem!.Value;
            await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status400BadRequest, code, message, id, context.RequestAborted);
            return;
        }
        // The message's elements point into the document: it lives as long as the request.
        context.Response.RegisterForDispose(document);
        request.Read(document.RootElement);
        context.Request.Body = new MemoryStream(body, writable: false);
        await next(context);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Kestrel holds the body to PandaMcp:Gateway:MaxRequestBodyBytes (413 beyond), so a declared length is bounded.
        if (request.ContentLength is { } length and > 0)
        {
            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, cancellationToken);
            return exact;
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
