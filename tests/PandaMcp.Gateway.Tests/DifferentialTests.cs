using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PandaEmulator;
using PandaMcp.Baseline;
using PandaMcp.Gateway;

namespace PandaMcp.Gateway.Tests;

/// <summary>
/// The gateway's hand-written answers beside the MCP SDK's own, request for request: the SDK side is
/// bench/PandaMcp.Baseline, the same tools and result mapping served by the C# SDK alone (its session server, its
/// sessionless server). What a client receives must be the same: the HTTP status and every JSON-RPC message, whether
/// it came as a JSON body or as events of a stream.
/// </summary>
public sealed partial class DifferentialTests : IAsyncLifetime
{
    private const string SlowRoute = "task/get_status";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string Alice = "Bearer " + TokenIssuer.Mint(Seed.Alice);

    private readonly HttpClient _http = new();
    private RunningEmulator _emulator = null!;
    private WebApplication _gateway = null!;
    private WebApplication _sdk = null!;

    public static TheoryData<string, string, object?> SessionCases => new()
    {
        { "ping", "ping", null },
        { "tools/list", "tools/list", null },
        { "logging/setLevel", "logging/setLevel", new { level = "warning" } },
        { "a method this server does not have", "resources/list", null },
        { "a tool call that succeeds", "tools/call", new { name = "task_get_status", arguments = new { task_id = Seed.RunningTaskOfAlice } } },
        { "a tool call PanDA refuses", "tools/call", new { name = "task_get_status", arguments = new { task_id = 1 } } },
        { "an unknown tool", "tools/call", new { name = "task_explode", arguments = new { } } },
        { "arguments that break the schema", "tools/call", new { name = "task_get_status", arguments = new { task_id = true, extra = 1 } } },
    };

    public static TheoryData<string, object> SessionlessCases => new()
    {
        { "a tool call that succeeds", new { name = "task_get_status", arguments = new { task_id = Seed.RunningTaskOfAlice } } },
        { "a tool call PanDA refuses", new { name = "task_get_status", arguments = new { task_id = 1 } } },
        { "an unknown tool", new { name = "task_explode", arguments = new { } } },
        { "arguments that break the schema", new { name = "task_get_status", arguments = new { task_id = "x", extra = 1 } } },
    };

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorApp.StartAsync();
        // Progress every second: a call PanDA answers in 2.5 s hears two reports from either side.
        string[] common = ["--PandaMcp:Panda:Timeout=00:00:10", "--PandaMcp:Sessions:ProgressInterval=00:00:01"];
        _gateway = GatewayApp.Create(GatewayArguments.For(_emulator.ApiBaseUrl, "http://127.0.0.1:0", [.. common, "--PandaMcp:Security:CallsPerSecond=0"]));
        await _gateway.StartAsync();
        var sdk = WebApplication.CreateBuilder([$"--urls=http://127.0.0.1:0", $"--PANDA_API_URL_SSL={_emulator.ApiBaseUrl}", .. common]);
        sdk.AddBaselineMcpServer();
        _sdk = sdk.Build();
        _sdk.MapMcp("/mcp");
        await _sdk.StartAsync();
    }

    [Theory]
    [InlineData("2025-11-25")]
    [InlineData("2025-06-18")]
    [InlineData("2024-11-05")]
    [InlineData("1999-01-01")]
    public async Task Initialize_IsAnsweredAlike(string askedVersion)
    {
        var (gateway, sdk) = (await InitializeAsync(Endpoint(_gateway), askedVersion), await InitializeAsync(Endpoint(_sdk), askedVersion));

        Assert.Equal(sdk.Status, gateway.Status);
        AssertSame(sdk.Messages, gateway.Messages);
    }

    /// <summary>
    /// Requests both refuse: the same HTTP status, JSON-RPC code and data. The gateway's sentences say more of what
    /// to do than the SDK's, so they are not compared.
    /// </summary>
    [Theory]
    [InlineData("a session that does not exist", "POST", "no-such-session", "2025-11-25", "application/json, text/event-stream")]
    [InlineData("a request without a session", "POST", null, "2025-11-25", "application/json, text/event-stream")]
    [InlineData("a client that takes no event stream", "POST", "no-such-session", "2025-11-25", "application/json")]
    [InlineData("a revision this server does not speak", "POST", "no-such-session", "2024-01-01", "application/json, text/event-stream")]
    [InlineData("a stream without a session", "GET", null, "2025-11-25", "text/event-stream")]
    [InlineData("a stream of a session that does not exist", "GET", "no-such-session", "2025-11-25", "text/event-stream")]
    public async Task ARefusal_HasTheSameStatusAndCode(string @case, string method, string? sessionId, string version, string accept)
    {
        var gateway = await RefusalAsync(Endpoint(_gateway), method, sessionId, version, accept);
        var sdk = await RefusalAsync(Endpoint(_sdk), method, sessionId, version, accept);

        Assert.True(sdk.Status == gateway.Status, $"{@case}: HTTP {sdk.Status} from the SDK, {gateway.Status} from the gateway");
        Assert.Equal(sdk.Code, gateway.Code);
        Assert.True(JsonNode.DeepEquals(sdk.Data, gateway.Data), $"{@case}: data {sdk.Data} from the SDK, {gateway.Data} from the gateway");
    }

    [Theory]
    [MemberData(nameof(SessionCases))]
    public async Task ASessionRequest_IsAnsweredAlike(string @case, string method, object? parameters)
    {
        var gateway = await SessionRequestAsync(Endpoint(_gateway), method, parameters);
        var sdk = await SessionRequestAsync(Endpoint(_sdk), method, parameters);

        Assert.True(sdk.Status == gateway.Status, $"{@case}: HTTP {sdk.Status} from the SDK, {gateway.Status} from the gateway");
        AssertSame(sdk.Messages, gateway.Messages);
    }

    [Fact]
    public async Task ASessionNotification_IsAcceptedAlike()
    {
        var gateway = await SessionRequestAsync(Endpoint(_gateway), "notifications/initialized", parameters: null, notification: true);
        var sdk = await SessionRequestAsync(Endpoint(_sdk), "notifications/initialized", parameters: null, notification: true);

        Assert.Equal(HttpStatusCode.Accepted, sdk.Status);
        Assert.Equal(sdk.Status, gateway.Status);
        Assert.Empty(gateway.Messages);
    }

    [Theory]
    [MemberData(nameof(SessionlessCases))]
    public async Task ASessionlessToolCall_IsAnsweredAlike(string @case, object parameters)
    {
        var gateway = await SessionlessCallAsync(Endpoint(_gateway), parameters);
        var sdk = await SessionlessCallAsync(Endpoint(_sdk), parameters);

        Assert.True(sdk.Status == gateway.Status, $"{@case}: HTTP {sdk.Status} from the SDK, {gateway.Status} from the gateway");
        AssertSame(sdk.Messages, gateway.Messages);
    }

    [Fact]
    public async Task ASlowCallWithAProgressToken_HearsTheSameProgressAndAnswer_InBothGenerations()
    {
        var call = new { name = "task_get_status", arguments = new { task_id = Seed.RunningTaskOfAlice }, _meta = new { progressToken = "p-1" } };
        await EmulatorFaults.SlowDownAsync(_http, _emulator.Address, SlowRoute, TimeSpan.FromMilliseconds(2500));
        try
        {
            var answers = await Task.WhenAll(
                SessionRequestAsync(Endpoint(_gateway), "tools/call", call),
                SessionRequestAsync(Endpoint(_sdk), "tools/call", call),
                SessionlessCallAsync(Endpoint(_gateway), call),
                SessionlessCallAsync(Endpoint(_sdk), call));

            AssertSame(answers[1].Messages, answers[0].Messages);
            AssertSame(answers[3].Messages, answers[2].Messages);
            Assert.All(answers, answer => Assert.Equal(3, answer.Messages.Count));
        }
        finally
        {
            await EmulatorFaults.ClearAsync(_http, _emulator.Address);
        }
    }

    private async Task<Answer> InitializeAsync(Uri endpoint, string askedVersion)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent("""{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"VERSION","capabilities":{},"clientInfo":{"name":"differential","version":"1"}}}""".Replace("VERSION", askedVersion, StringComparison.Ordinal)),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        request.Headers.TryAddWithoutValidation("Authorization", Alice);
        request.Headers.TryAddWithoutValidation("Origin", RawMcpSession.Vo);
        return await AnswerOfAsync(await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
    }

    private async Task<Answer> SessionRequestAsync(Uri endpoint, string method, object? parameters, bool notification = false)
    {
        var session = await RawMcpSession.StartAsync(_http, endpoint, Alice);
        if (notification)
        {
            using var accepted = await session.SendAsync(endpoint, $$"""{"jsonrpc":"2.0","method":"{{method}}"}""");
            return new Answer(accepted.StatusCode, (await accepted.Content.ReadAsStringAsync()).Length == 0 ? [] : [JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!]);
        }
        await using var stream = await session.RequestAsync(endpoint, 1, method, parameters);
        return await AnswerOfAsync(stream);
    }

    private async Task<Answer> SessionlessCallAsync(Uri endpoint, object parameters)
    {
        var name = JsonSerializer.SerializeToNode(parameters)!["name"]!.GetValue<string>();
        using var request = RawSessionlessCall.Request(endpoint, 1, "tools/call", name, parameters, Alice);
        return await AnswerOfAsync(await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));
    }

    private async Task<(HttpStatusCode Status, int? Code, JsonNode? Data)> RefusalAsync(Uri endpoint, string method, string? sessionId, string version, string accept)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), endpoint);
        if (method == "POST")
        {
            request.Content = JsonContent("""{"jsonrpc":"2.0","id":5,"method":"tools/list","params":{}}""");
        }
        request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.Add("MCP-Protocol-Version", version);
        if (sessionId is not null)
        {
            request.Headers.Add("Mcp-Session-Id", sessionId);
        }
        using var response = await _http.SendAsync(request);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())?["error"];
        return (response.StatusCode, error?["code"]?.GetValue<int>(), error?["data"]);
    }

    private static async Task<Answer> AnswerOfAsync(HttpResponseMessage response)
    {
        await using var stream = await SseStream.OpenAsync(response);
        return await AnswerOfAsync(stream);
    }

    /// <summary>The messages of an answer: its JSON body, or the data of each event of its stream (an event that carries only an id has none).</summary>
    private static async Task<Answer> AnswerOfAsync(SseStream stream)
    {
        var messages = new List<JsonNode>();
        if (stream.Body is { Length: > 0 } body)
        {
            messages.Add(JsonNode.Parse(body)!);
        }
        while (stream.Body is null && await stream.NextAsync(Patience) is { } item)
        {
            if (!string.IsNullOrWhiteSpace(item.Data))
            {
                messages.Add(JsonNode.Parse(item.Data)!);
            }
        }
        return new Answer(stream.Response.StatusCode, messages);
    }

    /// <summary>
    /// Message for message, the same JSON; but a progress message's seconds may differ by the clock's tick, and the
    /// SDK adds the trace context of its span (<c>_meta.traceparent</c>, different for every call) to what it sends
    /// on its own, which says nothing of the protocol.
    /// </summary>
    private static void AssertSame(IReadOnlyList<JsonNode> expected, IReadOnlyList<JsonNode> actual)
    {
        Assert.True(
            expected.Count == actual.Count && expected.Zip(actual).All(pair => JsonNode.DeepEquals(Normalized(pair.First), Normalized(pair.Second))),
            $"the SDK answered\n{string.Join('\n', expected.Select(m => m.ToJsonString()))}\nthe gateway answered\n{string.Join('\n', actual.Select(m => m.ToJsonString()))}");
    }

    private static JsonNode Normalized(JsonNode message)
    {
        var copy = message.DeepClone();
        if (copy["params"]?["message"] is JsonValue text && copy["method"]?.GetValue<string>() == "notifications/progress")
        {
            copy["params"]!["message"] = Seconds().Replace(text.GetValue<string>(), "# s");
        }
        if (copy["params"]?["_meta"] is JsonObject meta)
        {
            meta.Remove("traceparent");
            meta.Remove("tracestate");
            if (meta.Count == 0)
            {
                copy["params"]!.AsObject().Remove("_meta");
            }
        }
        return copy;
    }

    private static Uri Endpoint(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/mcp");

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public async Task DisposeAsync()
    {
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await _sdk.StopAsync();
        await _sdk.DisposeAsync();
        await _emulator.DisposeAsync();
        _http.Dispose();
    }

    private sealed record Answer(HttpStatusCode Status, IReadOnlyList<JsonNode> Messages);

    [GeneratedRegex(@"\d+ s")]
    private static partial Regex Seconds();
}
