using System.Net;
using System.Text.Json;
using PandaMcp.Testing;

namespace PandaMcp.Gateway.Tests;

/// <summary>What a session's tool call costs in the cluster, and that what it saves loses nothing on resume.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SessionCallCostTests(GatewayFixture gateway)
{
    [Fact]
    public async Task ASessionToolCall_IsOneGrainCallBesidesTheSessionCheck_AndItsAnswerResumesUnderTheSameId()
    {
        var session = await RawMcpSession.StartAsync(gateway.Http, gateway.McpUrl);
        var before = gateway.GrainCalls.CallsTo(session.SessionId).Count;

        string primingId;
        string answerId;
        string answer;
        await using (var call = await session.RequestAsync(gateway.McpUrl, 7, "tools/call", new { name = "system_is_alive", arguments = new { } }))
        {
            Assert.Equal(HttpStatusCode.OK, call.Response.StatusCode);
            var priming = await call.NextAsync(TimeSpan.FromSeconds(30));
            primingId = priming!.Value.EventId!;
            var result = await call.NextAsync(TimeSpan.FromSeconds(30));
            answerId = result!.Value.EventId!;
            answer = result.Value.Data;
        }

        Assert.Equal(["ISessionGrain.TouchAsync", "ISessionGrain.CallToolAsync"], gateway.GrainCalls.CallsTo(session.SessionId).Skip(before).Select(Short));
        Assert.Contains("\"success\":true", answer);

        await using var resumed = await session.ResumeAsync(gateway.McpUrl, primingId);
        Assert.Equal(HttpStatusCode.OK, resumed.Response.StatusCode);
        var replayed = await resumed.NextAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(answerId, replayed!.Value.EventId);
        Assert.Equal(Normalized(answer), Normalized(replayed.Value.Data));
        Assert.Null(await resumed.NextAsync(TimeSpan.FromSeconds(30)));
    }

    private static string Short(string call) => call[(call.LastIndexOf('.', call.LastIndexOf('.') - 1) + 1)..];

    private static string Normalized(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
