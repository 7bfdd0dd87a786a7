using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PandaEmulator.Tests;

/// <summary>The record of received requests; these tests run in sequence on their own emulator.</summary>
public sealed class RecordingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly PandaTestClient _client = fixture.Client;

    [Fact]
    public async Task Requests_AreRecorded_WithHeadersAndArguments()
    {
        await ClearAsync();
        var token = PandaTestClient.Token();
        var request = _client.Request(HttpMethod.Get, "job/get_status", $"job_ids={Seed.RunningJobOfAlice}&job_ids=2&timeout=30", token);
        request.Headers.TryAddWithoutValidation("X-Auth-Token", token);
        await _client.SendAsync(request);
        await _client.PostJsonAsync("task/kill", new { task_id = Seed.DoneTaskOfBob, broadcast = true }, PandaTestClient.Token("bob"));

        var recorded = await RecordedAsync();

        Assert.Equal(2, recorded.GetArrayLength());
        var get = recorded[0];
        Assert.Equal("GET", get.GetProperty("method").GetString());
        Assert.Equal("job/get_status", get.GetProperty("route").GetString());
        Assert.Equal("/api/v1/job/get_status", get.GetProperty("path").GetString());
        Assert.Equal(token, get.GetProperty("headers").GetProperty("X-Auth-Token").GetString());
        Assert.Equal("atlas", get.GetProperty("headers").GetProperty("Origin").GetString());
        Assert.Equal([Seed.RunningJobOfAlice.ToString(), "2"], get.GetProperty("arguments").GetProperty("job_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("30", get.GetProperty("arguments").GetProperty("timeout").GetString());
        Assert.Equal(200, get.GetProperty("status").GetInt32());
        var post = recorded[1];
        Assert.Equal("application/json", post.GetProperty("contentType").GetString());
        Assert.Equal(Seed.DoneTaskOfBob, post.GetProperty("arguments").GetProperty("task_id").GetInt64());
        Assert.True(post.GetProperty("arguments").GetProperty("broadcast").GetBoolean());
    }

    [Fact]
    public async Task Requests_AreCleared_AndFilteredByRoute()
    {
        await _client.GetAsync("system/is_alive");
        await ClearAsync();
        await _client.GetAsync("system/is_alive");
        await _client.GetAsync("statistics/active_job_stats_by_site");

        using var all = await _client.Http.GetAsync("/_emulator/requests");
        var filtered = await _client.Http.GetFromJsonAsync<JsonElement>("/_emulator/requests?route=system/is_alive");

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(2, (await all.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength());
        Assert.Equal(1, filtered.GetArrayLength());
    }

    [Fact]
    public async Task RecordLimit_KeepsTheNewest()
    {
        await using var emulator = await EmulatorApp.StartAsync("--record-limit", "2");
        using var client = new PandaTestClient(emulator);
        await client.GetAsync("system/is_alive", "n=1");
        await client.GetAsync("system/is_alive", "n=2");
        await client.GetAsync("system/is_alive", "n=3");

        var recorded = await client.Http.GetFromJsonAsync<JsonElement>("/_emulator/requests");

        Assert.Equal(["?n=2", "?n=3"], recorded.EnumerateArray().Select(r => r.GetProperty("query").GetString()));
    }

    private async Task ClearAsync()
    {
        using var response = await _client.Http.DeleteAsync("/_emulator/requests");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private async Task<JsonElement> RecordedAsync() => await _client.Http.GetFromJsonAsync<JsonElement>("/_emulator/requests");
}
