using System.Net;
using System.Text.Json;
using PandaEmulator;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Testing;

namespace PandaMcp.Gateway.Tests;

/// <summary>What a session's requests cost in the cluster: each is at most one call of its session grain.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SessionCallCostTests(GatewayFixture gateway)
{
    private const string SlowRoute = "metaconfig/get_resource_types";

    [Fact]
    public async Task ASessionToolCall_IsOneGrainCall_AndItsAnswerComesBackAsJson()
    {
        var session = await RawMcpSession.StartAsync(gateway.Http, gateway.McpUrl);
        var before = gateway.GrainCalls.CallsTo(SessionGrains.KeyOf(session.SessionId)).Count;

        await using var call = await session.RequestAsync(gateway.McpUrl, 7, "tools/call", new { name = "system_is_alive", arguments = new { } });

        Assert.Equal(HttpStatusCode.OK, call.Response.StatusCode);
        Assert.Equal("application/json", call.Response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\\u0022success\\u0022: true", call.Body);
        Assert.Equal(["ISessionGrain.CallToolAsync"], Calls(session.SessionId, before));
    }

    [Fact]
    public async Task EveryOtherSessionRequest_IsOneGrainCall()
    {
        var session = await RawMcpSession.StartAsync(gateway.Http, gateway.McpUrl);
        Assert.Equal(["ISessionGrain.StartAsync", "ISessionGrain.TouchAsync"], Calls(session.SessionId, 0));
        var before = gateway.GrainCalls.CallsTo(SessionGrains.KeyOf(session.SessionId)).Count;

        await session.CallAsync(gateway.McpUrl, 1, "tools/list");
        await session.CallAsync(gateway.McpUrl, 2, "ping");
        await session.CallAsync(gateway.McpUrl, 3, "logging/setLevel", new { level = "debug" });
        await session.CallAsync(gateway.McpUrl, 4, "tools/call", new { name = "no_such_tool", arguments = new { } });
        await session.CallAsync(gateway.McpUrl, 5, "tools/call", new { name = "task_get_status", arguments = new { task_id = true } });
        using var ended = await session.DeleteAsync(gateway.McpUrl);

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(
            ["ISessionGrain.TouchAsync", "ISessionGrain.TouchAsync", "ISessionGrain.SetLogLevelAsync", "ISessionGrain.TouchAsync", "ISessionGrain.TouchAsync", "ISessionGrain.EndAsync"],
            Calls(session.SessionId, before));
    }

    [Fact]
    public async Task ACallSlowerThanTheAnswerTime_BecomesAStream_WhoseAnswerResumesUnderTheSameId()
    {
        var session = await RawMcpSession.StartAsync(gateway.Http, gateway.McpUrl);
        await EmulatorFaults.SlowDownAsync(gateway.Http, gateway.Emulator.Address, SlowRoute, TimeSpan.FromMilliseconds(1500));
        try
        {
            string startId;
            string answerId;
            string answer;
            await using (var call = await session.RequestAsync(gateway.McpUrl, 8, "tools/call", new { name = "metaconfig_get_resource_types", arguments = new { } }))
            {
                Assert.Equal("text/event-stream", call.Response.Content.Headers.ContentType?.MediaType);
                var start = await call.NextAsync(TimeSpan.FromSeconds(30));
                startId = start!.Value.EventId!;
                Assert.True(string.IsNullOrEmpty(start.Value.Data));
                Assert.NotNull(start.Value.ReconnectionInterval);
                var result = await call.NextAsync(TimeSpan.FromSeconds(30));
                answerId = result!.Value.EventId!;
                answer = result.Value.Data;
                Assert.Null(await call.NextAsync(TimeSpan.FromSeconds(30)));
            }

            await using var resumed = await session.ResumeAsync(gateway.McpUrl, startId);
            var replayed = await resumed.NextAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(HttpStatusCode.OK, resumed.Response.StatusCode);
            Assert.Equal(8, JsonDocument.Parse(answer).RootElement.GetProperty("id").GetInt32());
            Assert.Equal(answerId, replayed!.Value.EventId);
            Assert.Equal(Normalized(answer), Normalized(replayed.Value.Data));
            Assert.Null(await resumed.NextAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            await EmulatorFaults.ClearAsync(gateway.Http, gateway.Emulator.Address);
        }
    }

    private IReadOnlyList<string> Calls(string sessionId, int skip) =>
        gateway.GrainCalls.CallsTo(SessionGrains.KeyOf(sessionId)).Skip(skip).Select(call => call[(call.LastIndexOf('.', call.LastIndexOf('.') - 1) + 1)..]).ToList();

    private static string Normalized(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
