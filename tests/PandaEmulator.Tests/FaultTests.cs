using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace PandaEmulator.Tests;

/// <summary>Fault injection; faults are global, so these tests run in sequence on their own emulator.</summary>
public sealed class FaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly PandaTestClient _client = fixture.Client;

    [Fact]
    public async Task ErrorRate_Answers500_OnTheChosenRoutesOnly()
    {
        await SetFaultsAsync("{\"errorRate\": 1, \"routes\": [\"system/is_alive\"]}");
        try
        {
            var faulted = await _client.GetAsync("system/is_alive");
            var other = await _client.GetAsync("statistics/active_job_stats_by_site");

            Assert.Equal(HttpStatusCode.InternalServerError, faulted.Status);
            Assert.Equal("text/plain", faulted.ContentType);
            Assert.Equal(HttpStatusCode.OK, other.Status);
        }
        finally
        {
            await SetFaultsAsync("{}");
        }
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("system/is_alive")).Status);
    }

    [Fact]
    public async Task CloseRate_DropsTheConnection()
    {
        await SetFaultsAsync("{\"perRoute\": {\"system/*\": {\"closeRate\": 1}}}");
        try
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => _client.GetAsync("system/is_alive"));
        }
        finally
        {
            await SetFaultsAsync("{}");
        }
    }

    [Fact]
    public async Task Delay_SlowsTheAnswer()
    {
        await SetFaultsAsync("{\"delayMs\": 150, \"delayJitterMs\": 20}");
        try
        {
            var watch = Stopwatch.StartNew();
            var answer = await _client.GetAsync("system/is_alive");

            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.True(watch.ElapsedMilliseconds >= 140, $"answered after {watch.ElapsedMilliseconds} ms");
        }
        finally
        {
            await SetFaultsAsync("{}");
        }
    }

    [Fact]
    public async Task Faults_AreShown_AndInvalidOnesRefused()
    {
        await SetFaultsAsync("{\"errorRate\": 0.25, \"routes\": [\"task/kill\"]}");
        var shown = await _client.Http.GetFromJsonAsync<JsonElement>("/_emulator/faults");
        using var invalid = await _client.Http.PostAsync("/_emulator/faults", new StringContent("{\"errorRate\": 2}", Encoding.UTF8, "application/json"));
        using var typo = await _client.Http.PostAsync("/_emulator/faults", new StringContent("{\"errorRat\": 0.5}", Encoding.UTF8, "application/json"));
        await SetFaultsAsync("{}");

        Assert.Equal(0.25, shown.GetProperty("errorRate").GetDouble());
        Assert.Equal("task/kill", shown.GetProperty("routes")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
    }

    [Fact]
    public async Task CommandLineFlags_SetTheStartingFaults()
    {
        await using var emulator = await EmulatorApp.StartAsync("--error-rate", "1", "--fault-route", "task/*,job/get_status");
        using var client = new PandaTestClient(emulator);

        var task = await client.GetAsync("task/get_status", "task_id=1");
        var alive = await client.GetAsync("system/is_alive");

        Assert.Equal(HttpStatusCode.InternalServerError, task.Status);
        Assert.Equal(HttpStatusCode.OK, alive.Status);
    }

    private async Task SetFaultsAsync(string json)
    {
        using var response = await _client.Http.PostAsync("/_emulator/faults", new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }
}
