using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PandaEmulator.Tests;

/// <summary>Job, data carousel and harvester calls that change state.</summary>
public sealed class JobAndOtherStateTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string ProductionOrigin = "atlas:production";
    private readonly PandaTestClient _client = fixture.Client;
    private static readonly string Alice = PandaTestClient.Token(Seed.Alice);
    private static readonly string Production = PandaTestClient.Token("prodmanager", production: true);

    [Fact]
    public async Task JobKill_CancelsOwnJobs_Only()
    {
        var answer = await _client.PostJsonAsync("job/kill", new { job_ids = new[] { Seed.JobsOfRunningTaskOfAlice[4], Seed.RunningJobOfBob, Seed.UnknownJobId } }, Alice);

        Assert.True(answer.Success);
        Assert.Equal([true, false, false], answer.Data.EnumerateArray().Select(e => e.GetBoolean()));
        var status = await _client.GetAsync("job/get_status", $"job_ids={Seed.JobsOfRunningTaskOfAlice[4]}", Alice);
        Assert.Equal("cancelled", status.Data[0].GetProperty("status").GetString());
        Assert.Equal("tobekilled", status.Data[0].GetProperty("command").GetString());
    }

    [Fact]
    public async Task JobKill_WithEmailAsId_Fails500LikePanda()
    {
        var answer = await _client.PostJsonAsync("job/kill", new { job_ids = new[] { Seed.RunningJobOfBob }, use_email_as_id = true }, Alice);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
    }

    [Fact]
    public async Task SetDebugMode_ReportsSuccessInverted()
    {
        var jobId = Seed.JobsOfRunningProductionTask[1];

        var first = await _client.PostJsonAsync("job/set_debug_mode", new { job_id = jobId, mode = true }, Production, ProductionOrigin);
        var second = await _client.PostJsonAsync("job/set_debug_mode", new { job_id = jobId, mode = true }, Production, ProductionOrigin);

        Assert.Equal("Succeeded", first.Message);
        Assert.False(first.Success);
        Assert.Equal("Already set accordingly", second.Message);
        Assert.True(second.Success);
        Assert.Equal("debug", (await StateAsync($"jobs/{jobId}")).GetProperty("specialHandling").GetString());
    }

    [Fact]
    public async Task JobSubmit_CreatesJobs()
    {
        var jobs = JsonSerializer.Serialize(new[] { new { jobName = "emulator.test.job", prodSourceLabel = "user", computingSite = Seed.AnalysisSiteName } });

        var answer = await _client.PostJsonAsync("job/submit", new { jobs }, Alice);

        Assert.True(answer.Success, answer.Body);
        var created = answer.Data[0];
        Assert.Equal("emulator.test.job", created[2].GetString());
        var status = await _client.GetAsync("job/get_status", $"job_ids={created[0].GetInt64()}", Alice);
        Assert.Equal("defined", status.Data[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ForceToStaging_StagesAQueuedRequest_Once()
    {
        var answer = await _client.PostJsonAsync("data_carousel/force_to_staging", new { request_id = Seed.CarouselQueuedRequestId }, Production, ProductionOrigin);
        var again = await _client.PostJsonAsync("data_carousel/force_to_staging", new { dataset = Seed.CarouselQueuedDataset }, Production, ProductionOrigin);

        Assert.True(answer.Success, answer.Body);
        Assert.Equal("status has become staging", answer.Message);
        Assert.Equal("staging", answer.Data.GetProperty("status").GetString());
        Assert.False(again.Success);
        Assert.Equal("staging", (await StateAsync($"carousel/{Seed.CarouselQueuedRequestId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ChangeStagingDestination_ResubmitsTheRequest()
    {
        var answer = await _client.PostJsonAsync("data_carousel/change_staging_destination", new { request_id = Seed.CarouselStagingRequestId }, Production, ProductionOrigin);

        Assert.True(answer.Success, answer.Body);
        var newId = answer.Data.GetProperty("new_request_id").GetInt64();
        Assert.Equal("cancelled", (await StateAsync($"carousel/{Seed.CarouselStagingRequestId}")).GetProperty("status").GetString());
        Assert.Equal("staging", (await StateAsync($"carousel/{newId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task RetireUnused_RetiresADoneRequest()
    {
        var answer = await _client.PostJsonAsync("data_carousel/retire_unused", new { request_id = Seed.CarouselDoneRequestId }, Production, ProductionOrigin);

        Assert.Equal("retired successfully", answer.Message);
        Assert.Equal("retired", answer.Data.GetProperty("status").GetString());
    }

    [Fact]
    public async Task HarvesterSweepCommand_IsQueued_ForTheServingHarvester()
    {
        var sweep = await _client.PostJsonAsync("harvester/add_sweep_command", new
        {
            panda_queue = Seed.SiteName,
            status_list = new[] { "submitted" },
            ce_list = Array.Empty<string>(),
            submission_host_list = Array.Empty<string>(),
        }, Production, ProductionOrigin);
        var commands = await _client.PostJsonAsync("harvester/acquire_commands", new { harvester_id = Seed.HarvesterId, n_commands = 10 }, Production, ProductionOrigin);
        var unserved = await _client.PostJsonAsync("harvester/add_sweep_command", new
        {
            panda_queue = Seed.UnservedSiteName,
            status_list = Array.Empty<string>(),
            ce_list = Array.Empty<string>(),
            submission_host_list = Array.Empty<string>(),
        }, Production, ProductionOrigin);

        Assert.True(sweep.Success, sweep.Body);
        Assert.Contains(commands.Data.EnumerateArray(), c => c.GetProperty("command").GetString() == "KILL_WORKERS");
        Assert.Equal("Queue not served by any harvester ID", unserved.Message);
    }

    [Fact]
    public async Task ReadOnlyListedEndpoints_AnswerWithData()
    {
        var banned = await _client.GetAsync("metaconfig/get_banned_users", token: Alice);
        var specs = await _client.GetAsync("metaconfig/get_site_specs", "type=all");
        var resources = await _client.GetAsync("metaconfig/get_resource_types", token: Alice);
        var stats = await _client.GetAsync("statistics/active_job_stats_by_site");
        var workers = await _client.GetAsync("harvester/get_worker_statistics", token: Alice);
        var script = await _client.GetAsync("job/generate_offline_execution_script", $"job_id={Seed.RunningJobOfAlice}", json: false);

        Assert.False(banned.Data.GetProperty(Seed.BannedUser).GetBoolean());
        Assert.True(specs.Data.TryGetProperty(Seed.SiteName, out _));
        Assert.Equal("SCORE", resources.Data[0].GetProperty("resource_name").GetString());
        Assert.True(stats.Data.GetProperty(Seed.SiteName).GetProperty("running").GetInt64() > 0);
        Assert.True(workers.Data.TryGetProperty(Seed.SiteName, out _));
        Assert.StartsWith("#!/bin/bash", script.Body);
    }

    private async Task<JsonElement> StateAsync(string path) =>
        await _client.Http.GetFromJsonAsync<JsonElement>($"/_emulator/state/{path}");
}
