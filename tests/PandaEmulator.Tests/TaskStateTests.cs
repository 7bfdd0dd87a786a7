using System.Net.Http.Json;
using System.Text.Json;

namespace PandaEmulator.Tests;

/// <summary>Task calls that change state; each test works on tasks no other test in this class touches.</summary>
public sealed class TaskStateTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly PandaTestClient _client = fixture.Client;
    private static readonly string Alice = PandaTestClient.Token(Seed.Alice);
    private static readonly string Production = PandaTestClient.Token("prodmanager", production: true);

    [Fact]
    public async Task Kill_AbortsTheTask_AndCancelsItsJobs()
    {
        var answer = await _client.PostJsonAsync("task/kill", new { task_id = Seed.RunningTaskOfAlice }, Alice);

        Assert.True(answer.Success);
        Assert.Equal(0, answer.Data.GetInt32());
        Assert.Equal($"command=kill is registered for task ID {Seed.RunningTaskOfAlice}. will be executed in a few minutes", answer.Message);
        var status = await _client.GetAsync("task/get_status", $"task_id={Seed.RunningTaskOfAlice}", Alice);
        Assert.Equal("aborting", status.Data.GetString());
        var job = await StateAsync($"jobs/{Seed.RunningJobOfAlice}");
        Assert.Equal("cancelled", job.GetProperty("jobStatus").GetString());
        var finished = await StateAsync($"jobs/{Seed.FinishedJobOfAlice}");
        Assert.Equal("finished", finished.GetProperty("jobStatus").GetString());

        var again = await _client.PostJsonAsync("task/kill", new { task_id = Seed.RunningTaskOfAlice }, Alice);
        Assert.False(again.Success);
        Assert.Equal(4, again.Data.GetInt32());
        Assert.Equal("Command rejected: the kill command is not accepted if the task is in aborting status ", again.Message);
    }

    [Fact]
    public async Task Kill_OfSomeoneElsesTask_IsRefused()
    {
        var answer = await _client.PostJsonAsync("task/kill", new { task_id = Seed.RunningTaskOfBob }, Alice);

        Assert.Equal("not the task owner or no production role", answer.Message);
        Assert.Equal("running", (await StateAsync($"tasks/{Seed.RunningTaskOfBob}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Finish_ByProductionRole_WorksOnAnyTask()
    {
        var answer = await _client.PostJsonAsync("task/finish", new { task_id = Seed.FirstBulkTaskId + 1, soft = true }, Production, "atlas:production");

        Assert.True(answer.Success, answer.Body);
        var task = await StateAsync($"tasks/{Seed.FirstBulkTaskId + 1}");
        Assert.Equal("finishing", task.GetProperty("status").GetString());
        Assert.Equal("soft finish by Prodmanager", task.GetProperty("pendingCommand").GetString());
    }

    [Fact]
    public async Task Retry_OfAFinishedTask_IsAccepted_AndBumpsTheAttempt()
    {
        var answer = await _client.PostJsonAsync("task/retry", new { task_id = Seed.FinishedTaskOfAlice }, Alice);

        Assert.True(answer.Success);
        Assert.Equal(0, answer.Data.GetInt32());
        var task = await StateAsync($"tasks/{Seed.FinishedTaskOfAlice}");
        Assert.Equal("toretry", task.GetProperty("status").GetString());
        Assert.Equal(2, task.GetProperty("attemptNr").GetInt32());
    }

    [Fact]
    public async Task Retry_AlwaysSucceeds_EvenWhenRefused()
    {
        var answer = await _client.PostJsonAsync("task/retry", new { task_id = Seed.ExhaustedProductionTask }, PandaTestClient.Token(Seed.ProductionUser));

        Assert.True(answer.Success);
        Assert.Equal(4, answer.Data.GetInt32());
        Assert.Equal("Command rejected: the retry command is not accepted if the task is in exhausted status and production role is missing", answer.Message);
    }

    [Fact]
    public async Task PauseAndResume_MoveTheTask()
    {
        var paused = await _client.PostJsonAsync("task/pause", new { task_id = Seed.FirstBulkTaskId + 2 }, Production, "atlas:production");
        Assert.True(paused.Success, paused.Body);
        Assert.Equal("paused", (await StateAsync($"tasks/{Seed.FirstBulkTaskId + 2}")).GetProperty("status").GetString());

        var resumed = await _client.PostJsonAsync("task/resume", new { task_id = Seed.FirstBulkTaskId + 2 }, Production, "atlas:production");
        Assert.True(resumed.Success, resumed.Body);
        Assert.Equal("running", (await StateAsync($"tasks/{Seed.FirstBulkTaskId + 2}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ChangePriority_SetsIt()
    {
        var answer = await _client.PostJsonAsync("task/change_priority", new { task_id = Seed.FirstBulkTaskId + 3, priority = 2500 }, Production, "atlas:production");

        Assert.True(answer.Success);
        Assert.Equal("1 tasks changed", answer.Message);
        Assert.Equal(2500, (await StateAsync($"tasks/{Seed.FirstBulkTaskId + 3}")).GetProperty("currentPriority").GetInt32());
        var unknown = await _client.PostJsonAsync("task/change_priority", new { task_id = Seed.UnknownTaskId, priority = 1 }, Production, "atlas:production");
        Assert.Equal("Task not found", unknown.Message);
    }

    [Fact]
    public async Task Submit_CreatesATask()
    {
        var answer = await _client.PostJsonAsync("task/submit", new
        {
            task_parameters = new { taskName = "user.alice.emulator.submit.test/", vo = "atlas", prodSourceLabel = "user" },
        }, Alice);

        Assert.True(answer.Success, answer.Body);
        var id = answer.Data.GetInt64();
        Assert.Equal($"succeeded. new jediTaskID={id}", answer.Message);
        var status = await _client.GetAsync("task/get_status", $"task_id={id}", Alice);
        Assert.Equal("registered", status.Data.GetString());
        var parameters = await _client.GetAsync("task/get_task_parameters", $"task_id={id}", Alice);
        Assert.Equal("alice", parameters.Data.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Reads_ShowTheSeededTask()
    {
        var details = await _client.GetAsync("task/get_detailed_info", $"task_id={Seed.ChildTaskOfAlice}", Alice);
        var parent = await _client.GetAsync("task/get_parent_detailed_info", $"task_id={Seed.ChildTaskOfAlice}", Alice);
        var files = await _client.GetAsync("task/get_datasets_and_files", $"task_id={Seed.ChildTaskOfAlice}", Alice);
        var jobs = await _client.GetAsync("task/get_job_descriptions", $"task_id={Seed.ChildTaskOfAlice}", Alice);

        Assert.Equal("alice", details.Data.GetProperty("userName").GetString());
        Assert.Equal(Seed.FinishedTaskOfAlice, parent.Data.GetProperty("jediTaskID").GetInt64());
        Assert.NotEmpty(files.Data[0].GetProperty("files").EnumerateArray());
        Assert.Equal(2, jobs.Data.GetArrayLength());
        Assert.True(jobs.Data[0].TryGetProperty("extendedProdSourceLabel", out _));
        Assert.True(details.Data.GetProperty("creationDate").TryGetProperty("__datetime__", out _));
    }

    private async Task<JsonElement> StateAsync(string path) =>
        await _client.Http.GetFromJsonAsync<JsonElement>($"/_emulator/state/{path}");
}
