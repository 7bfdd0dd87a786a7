using System.Net;
using System.Text;
using System.Text.Json;

namespace PandaMcp.Security.Tests;

/// <summary>
/// Every kind of bad request gets a 4xx (or a JSON-RPC error) that says what went wrong, never a 5xx or a stack
/// trace: bad JSON, bad JSON-RPC, unknown methods, bad parameters, bad protocol headers, bad Accept, unknown or
/// ended sessions, another session's Last-Event-ID, oversize bodies, batches, wrong argument types.
/// </summary>
public sealed class BadRequestTests(BadRequestTests.Gateway shared) : IClassFixture<BadRequestTests.Gateway>
{
    private readonly TestGateway _gateway = shared.Gateway;

    private const string Stateless = "2026-07-28";
    private const string Sessions = "2025-11-25";
    private const string Meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}";

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":""", -32700)]
    [InlineData("not json at all", -32700)]
    [InlineData("""{"jsonrpc":"1.0","id":1,"method":"tools/list","params":{META}}""", -32600)]
    [InlineData("""{"id":1,"method":"tools/list","params":{META}}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":7,"params":{META}}""", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":{},"method":"tools/list","params":{META}}""", -32600)]
    [InlineData("""[{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{META}}]""", -32600)]
    [InlineData("\"tools/list\"", -32600)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"cursor":"\ud800",META}}""", -32700)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":5}}}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/explode","params":{META}}""", -32601)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"no_such_tool",META}}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"system_is_alive","arguments":5,META}}""", -32602)]
    [InlineData("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"system_is_alive"}}""", -32602)]
    public async Task BadStatelessMessage_GetsTheJsonRpcError_AndNo5xx(string body, int code)
    {
        using var response = await PostAsync(body.Replace("META", Meta, StringComparison.Ordinal), Stateless);

        await AssertJsonRpcErrorAsync(response, code);
    }

    [Theory]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":5}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":"task_get_status"}""")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"task_get_status","arguments":[1]}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"task_get_status","arguments":"task_id=1"}}""")]
    [InlineData("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"no_such_tool"}}""")]
    public async Task BadParamsInASession_GetInvalidParams_NotAnInternalError(string body)
    {
        var session = await InitializeAsync(1);

        using var response = await PostAsync(body, Sessions, sessionId: session);

        await AssertJsonRpcErrorAsync(response, -32602);
    }

    [Theory]
    [InlineData("""{"protocolVersion":5,"capabilities":{},"clientInfo":{"name":"t","version":"1"}}""", "protocolVersion")]
    [InlineData("""{"protocolVersion":"2025-11-25","capabilities":[],"clientInfo":{"name":"t","version":"1"}}""", "capabilities")]
    [InlineData("""{"protocolVersion":"2025-11-25","capabilities":{}}""", "clientInfo")]
    [InlineData("""{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":["t"],"version":"1"}}""", "clientInfo.name")]
    public async Task InitializeWithParamsOfTheWrongType_GetsInvalidParamsNamingTheField(string parameters, string field)
    {
        using var response = await PostAsync($$"""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{{parameters}}}""", version: null);

        await AssertJsonRpcErrorAsync(response, -32602);
        Assert.Contains($"params.{field} ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", Stateless)]
    [InlineData("", null)]
    [InlineData("text/plain", Stateless)]
    [InlineData("application/json; charset=no-such-charset", Stateless)]
    [InlineData("application/json; charset=no-such-charset", null)]
    [InlineData("application/json; charset=latin1", null)]
    public async Task AContentTypeThatIsNotJsonInUtf8_Gets415_SayingWhatToSend(string contentType, string? version)
    {
        var body = version is null
            ? $$"""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"{{Sessions}}","capabilities":{},"clientInfo":{"name":"t","version":"1"} } }"""
            : """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{META}}""".Replace("META", Meta, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, _gateway.McpUrl) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (version is not null)
        {
            request.Headers.Add("MCP-Protocol-Version", version);
        }
        using var response = await _gateway.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("Content-Type: application/json", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1999-01-01", "application/json, text/event-stream", HttpStatusCode.BadRequest)]
    [InlineData(Stateless, "text/html", HttpStatusCode.NotAcceptable)]
    [InlineData(Stateless, "application/json", HttpStatusCode.NotAcceptable)]
    public async Task WrongProtocolHeaders_Get4xx(string version, string accept, HttpStatusCode expected)
    {
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{META}}""".Replace("META", Meta, StringComparison.Ordinal);

        using var response = await PostAsync(body, version, accept);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task UnknownSession_Gets404()
    {
        using var response = await PostAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", Sessions, sessionId: "no-such-session");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task EndedSession_Gets404()
    {
        var session = await InitializeAsync(1);
        using (var end = new HttpRequestMessage(HttpMethod.Delete, _gateway.McpUrl))
        {
            end.Headers.Add("Mcp-Session-Id", session);
            end.Headers.Add("MCP-Protocol-Version", Sessions);
            using var ended = await _gateway.Http.SendAsync(end);
            Assert.True(ended.IsSuccessStatusCode);
        }

        using var response = await PostAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""", Sessions, sessionId: session);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task LastEventIdOfAnotherSession_IsNotReplayed()
    {
        var first = await InitializeAsync(1);
        var second = await InitializeAsync(2);
        // An event of the first session: the start of its GET stream.
        using var listen = new HttpRequestMessage(HttpMethod.Get, _gateway.McpUrl);
        listen.Headers.Accept.ParseAdd("text/event-stream");
        listen.Headers.Add("Mcp-Session-Id", first);
        listen.Headers.Add("MCP-Protocol-Version", Sessions);
        using var stream = await _gateway.Http.SendAsync(listen, HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await stream.Content.ReadAsStreamAsync());
        string? line;
        while ((line = await events.ReadLineAsync()) is not null && !line.StartsWith("id:", StringComparison.Ordinal))
        {
        }
        var eventId = line![3..].Trim();

        using var resume = new HttpRequestMessage(HttpMethod.Get, _gateway.McpUrl);
        resume.Headers.Accept.ParseAdd("text/event-stream");
        resume.Headers.Add("Mcp-Session-Id", second);
        resume.Headers.Add("MCP-Protocol-Version", Sessions);
        resume.Headers.Add("Last-Event-ID", eventId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var response = await _gateway.Http.SendAsync(resume, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"got {response.StatusCode}");
    }

    [Fact]
    public async Task OversizeBody_Gets413_AndClosesTheConnection_SoTheNextRequestIsServed()
    {
        var body = """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"pad":"PAD",META}}"""
            .Replace("META", Meta, StringComparison.Ordinal).Replace("PAD", new string('x', 2 * 1024 * 1024), StringComparison.Ordinal);

        // As a client that sends a large body should: the gateway refuses it from its declared length, before it is
        // sent (a client that sends it anyway may see the connection close under it, as HTTP/1.1 has it).
        using var response = await PostAsync(body, Stateless, expectContinue: true);
        using var next = await PostAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{META}}""".Replace("META", Meta, StringComparison.Ordinal), Stateless);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory]
    [InlineData("task_get_status", """{"task_id":true}""", "task_id")]
    [InlineData("task_get_status", """{"task_id":[1,2]}""", "task_id")]
    [InlineData("task_get_status", """{}""", "task_id")]
    [InlineData("task_get_status", """{"task_id":1,"extra":true}""", "extra")]
    [InlineData("job_kill", """{"job_ids":"1,2"}""", "job_ids")]
    [InlineData("job_kill", """{"job_ids":[1,"two"]}""", "job_ids")]
    [InlineData("task_get_status", """[1]""", "arguments")]
    [InlineData("task_get_status", "\"task_id\"", "arguments")]
    public async Task WrongArgumentTypes_AreToolErrorsThatNameTheField(string tool, string arguments, string field)
    {
        using var request = _gateway.ToolCall(tool, arguments);
        using var response = await _gateway.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}: {text}");
        Assert.Contains(field, text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private static async Task AssertJsonRpcErrorAsync(HttpResponseMessage response, int code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}: {text}");
        Assert.Equal(code, ErrorCode(text));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private async Task<string> InitializeAsync(int id)
    {
        var body = $$"""{"jsonrpc":"2.0","id":{{id}},"method":"initialize","params":{"protocolVersion":"{{Sessions}}","capabilities":{},"clientInfo":{"name":"t","version":"1"} } }""";
        using var response = await PostAsync(body, version: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = response.Headers.GetValues("Mcp-Session-Id").Single();
        using var initialized = await PostAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", Sessions, sessionId: session);
        return session;
    }

    private Task<HttpResponseMessage> PostAsync(
        string body, string? version, string accept = "application/json, text/event-stream", string? sessionId = null, bool expectContinue = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _gateway.McpUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = expectContinue;
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (version is not null)
        {
            request.Headers.Add("MCP-Protocol-Version", version);
        }
        if (version == Stateless)
        {
            // 2026-07-28 asks for the method and tool name in headers too; sent as the body has them, where it has them.
            foreach (var (header, property) in new[] { ("Mcp-Method", "\"method\":\""), ("Mcp-Name", "\"name\":\"") })
            {
                var start = body.IndexOf(property, StringComparison.Ordinal);
                if (start >= 0)
                {
                    start += property.Length;
                    request.Headers.Add(header, body[start..body.IndexOf('"', start)]);
                }
            }
        }
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
        }
        return _gateway.Http.SendAsync(request);
    }

    /// <summary>The JSON-RPC error code of a JSON or SSE answer.</summary>
    private static int? ErrorCode(string text)
    {
        var json = text.TrimStart().StartsWith('{')
            ? text
            : text.Split('\n').Where(line => line.StartsWith("data:", StringComparison.Ordinal)).Select(line => line[5..].Trim()).LastOrDefault(line => line.Length > 0);
        return json is not null && JsonDocument.Parse(json).RootElement.TryGetProperty("error", out var error) ? error.GetProperty("code").GetInt32() : null;
    }

    public sealed class Gateway() : SharedTestGateway("--PandaMcp:Security:CallsPerSecond=0");
}
