using Microsoft.Net.Http.Headers;

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
        if (!context.Request.HasJsonContentType() || !IsUtf8(context.Request))
        {
            await GatewayRefusal.WriteAsync(context.Response, StatusCodes.Status415UnsupportedMediaType,
                $"An MCP message is sent as JSON in UTF-8: send it with Content-Type: {McpProtocol.JsonMediaType} (charset utf-8, or none).",
                context.RequestAborted);
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

    /// <summary>JSON is UTF-8 (RFC 8259); another charset, or one no encoding knows, is refused here rather than by a throw in the SDK's reader.</summary>
    private static bool IsUtf8(HttpRequest request) =>
        request.ContentType?.Contains("charset", StringComparison.OrdinalIgnoreCase) != true
        || MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && HeaderUtilities.RemoveQuotes(type.Charset) is var charset
        && (charset.Length == 0
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase));

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
