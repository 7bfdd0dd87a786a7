using System.Buffers;
using System.Text.Json;

// The least any MCP gateway can cost on this machine, for the benchmark to measure the gateway against: Kestrel in,
// HttpClient out, one JSON-RPC answer written by hand per call. No Orleans, no MCP SDK, no checks: each POST's
// JSON-RPC id is read, the one PanDA request named by --upstream (and --upstream-method, --upstream-body) is made
// with the caller's Authorization and Origin, and PanDA's answer comes back as a tool result (text and structured
// content, as the gateway gives it).
//   dotnet PandaMcp.Relay.dll --urls http://127.0.0.1:P --upstream http://127.0.0.1:E/api/v1/system/is_alive
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var upstream = new Uri(builder.Configuration["upstream"] ?? throw new ArgumentException("--upstream URL is required."));
var method = new HttpMethod(builder.Configuration["upstream-method"] ?? "GET");
var upstreamBody = builder.Configuration["upstream-body"];
var app = builder.Build();
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 });

app.MapPost("/mcp", async (HttpContext context) =>
{
    using var buffer = new MemoryStream();
    await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
    using var call = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));

    // As PanDA's client and the gateway send it: JSON content on every request, GETs included.
    using var request = new HttpRequestMessage(method, upstream) { Content = new StringContent(upstreamBody ?? "", System.Text.Encoding.UTF8, "application/json") };
    request.Headers.Accept.ParseAdd("application/json");
    foreach (var header in new[] { "Authorization", "Origin" })
    {
        if (context.Request.Headers[header] is { Count: > 0 } value)
        {
            request.Headers.TryAddWithoutValidation(header, value.ToString());
        }
    }
    using var response = await http.SendAsync(request, context.RequestAborted);
    var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
    using var answer = JsonDocument.Parse(body);

    var written = new ArrayBufferWriter<byte>(body.Length * 2 + 128);
    using (var writer = new Utf8JsonWriter(written))
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc", "2.0");
        writer.WritePropertyName("id");
        call.RootElement.GetProperty("id").WriteTo(writer);
        writer.WriteStartObject("result");
        writer.WriteStartArray("content");
        writer.WriteStartObject();
        writer.WriteString("type", "text");
        writer.WriteString("text", body);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WritePropertyName("structuredContent");
        answer.RootElement.WriteTo(writer);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = written.WrittenCount;
    await context.Response.Body.WriteAsync(written.WrittenMemory, context.RequestAborted);
});
app.Run();
