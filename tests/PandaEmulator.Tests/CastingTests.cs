using System.Net;

namespace PandaEmulator.Tests;

[Collection(SharedEmulatorCollection.Name)]
public sealed class CastingTests(EmulatorFixture fixture)
{
    private readonly PandaTestClient _client = fixture.Client;
    private static readonly string Alice = PandaTestClient.Token();

    [Fact]
    public async Task Get_CastsIntsThroughFloat()
    {
        var answer = await _client.GetAsync("task/get_job_ids", $"task_id={Seed.RunningTaskOfAlice}.9", Alice);

        Assert.True(answer.Success);
        Assert.Equal(Seed.JobsOfRunningTaskOfAlice, answer.Data.EnumerateArray().Select(e => e.GetInt64()));
    }

    [Fact]
    public async Task Get_ReportsACastFailure()
    {
        var answer = await _client.GetAsync("task/get_job_ids", "task_id=abc", Alice);

        Assert.Equal("Type error: 'task_id' with value 'abc' could not be casted to type int from str.", answer.Message);
    }

    [Fact]
    public async Task Get_WrapsASingleValueIntoAList_AndCastsElements()
    {
        var answer = await _client.GetAsync("job/get_status", $"job_ids={Seed.RunningJobOfAlice}", Alice);

        Assert.True(answer.Success);
        Assert.Equal("running", answer.Data[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_ReportsAListElementCastFailure_WithTheListValue()
    {
        var answer = await _client.GetAsync("job/get_status", "job_ids=1&job_ids=x", Alice);

        Assert.Equal("Type error: 'job_ids' with value '['1', 'x']' could not be casted to type List from list.", answer.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("True", true)]
    [InlineData("yes", false)]
    public async Task Get_CastsBoolsFromTrueOrOne(string value, bool included)
    {
        var answer = await _client.GetAsync("task/get_details", $"task_id={Seed.RunningTaskOfAlice}&include_status={value}", Alice);

        Assert.True(answer.Success);
        Assert.Equal(included, answer.Data.TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Get_TurnsNoneIntoNone_WhenTheDefaultIsNone()
    {
        var answer = await _client.GetAsync("statistics/job_stats_by_site_and_resource_type", "time_window=None");

        Assert.True(answer.Success);
    }

    [Fact]
    public async Task Get_RepeatedStrKey_IsAList()
    {
        var answer = await _client.GetAsync("metaconfig/get_site_specs", "type=analysis&type=all");

        Assert.Equal("Type error: 'type' must be of type str, got list.", answer.Message);
    }

    [Fact]
    public async Task Get_RepeatedBoolKey_Fails500()
    {
        var answer = await _client.GetAsync("task/get_details", $"task_id={Seed.RunningTaskOfAlice}&include_status=1&include_status=0", Alice);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("'list' object has no attribute 'lower'", answer.Body);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    public async Task UnannotatedTaskId_IsPassedAsText(string value)
    {
        var answer = await _client.GetAsync("task/get_status", $"task_id={value}", Alice);

        Assert.Equal("jediTaskID must be an integer", answer.Message);
    }

    [Fact]
    public async Task UnknownTask_IsNotFound()
    {
        var answer = await _client.GetAsync("task/get_status", $"task_id={Seed.UnknownTaskId}", Alice);

        Assert.Equal("Task not found", answer.Message);
    }

    [Fact]
    public async Task Get_WithJsonContentType_StillReadsTheQuery()
    {
        var request = _client.Request(HttpMethod.Get, "task/get_status", $"task_id={Seed.RunningTaskOfAlice}", Alice);
        request.Content = new StringContent("{}");
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var answer = await _client.SendAsync(request);

        Assert.Equal("running", answer.Data.GetString());
    }
}
