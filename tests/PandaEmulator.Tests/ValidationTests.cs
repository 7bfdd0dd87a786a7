using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PandaEmulator.Tests;

[Collection(SharedEmulatorCollection.Name)]
public sealed class ValidationTests(EmulatorFixture fixture)
{
    private readonly PandaTestClient _client = fixture.Client;
    private static readonly string Alice = PandaTestClient.Token();
    private static readonly string Production = PandaTestClient.Token("prodmanager", production: true);

    [Fact]
    public async Task Secure_ComesBeforeMethod_WhenAnonymous()
    {
        var answer = await _client.GetAsync("task/kill");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.False(answer.Success);
        Assert.Equal("SSL secure connection is required", answer.Message);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, answer.Data.ValueKind);
    }

    [Fact]
    public async Task Production_ComesBeforeMethod_WhenNoRole()
    {
        var answer = await _client.GetAsync("task/pause", token: Alice);

        Assert.Equal("production or pilot role required", answer.Message);
    }

    [Fact]
    public async Task Method_IsChecked_BeforeArguments()
    {
        var answer = await _client.GetAsync("task/kill", "bogus=1", token: Alice);

        Assert.Equal("expecting POST, received GET", answer.Message);
    }

    [Fact]
    public async Task Bind_ReportsMissingArgument_BeforeUnexpectedOne()
    {
        var answer = await _client.PostJsonAsync("task/kill", new { bogus = 1 }, Alice);

        Assert.Equal("Argument error: missing a required argument: 'task_id'", answer.Message);
    }

    [Fact]
    public async Task Bind_ReportsUnexpectedArgument_TheDocumentedTimeout()
    {
        var answer = await _client.GetAsync("job/get_description_incl_archive", $"job_ids={Seed.RunningJobOfAlice}&timeout=10", Alice);

        Assert.Equal("Argument error: got an unexpected keyword argument 'timeout'", answer.Message);
    }

    [Fact]
    public async Task MethodNotEnforced_AcceptsPost()
    {
        var answer = await _client.PostJsonAsync("job/get_description", new { job_ids = new[] { Seed.RunningJobOfAlice } }, Alice);

        Assert.True(answer.Success);
        Assert.Equal(Seed.RunningJobOfAlice, answer.Data[0].GetProperty("PandaID").GetInt64());
    }

    [Theory]
    [InlineData("{\"task_id\": \"45012301\"}", "Type error: 'task_id' must be of type int, got str.")]
    [InlineData("{\"task_id\": 4.5}", "Type error: 'task_id' must be of type int, got float.")]
    [InlineData("{\"task_id\": null}", "Type error: 'task_id' must be of type int, got NoneType.")]
    [InlineData("{\"task_id\": 45012301, \"broadcast\": \"yes\"}", "Type error: 'broadcast' must be of type bool, got str.")]
    public async Task JsonPost_IsNeverCast(string body, string expected)
    {
        var answer = await PostRawJsonAsync("task/kill", body, Alice);

        Assert.Equal(expected, answer.Message);
    }

    [Fact]
    public async Task JsonPost_BoolPassesInt_AndOwnershipIsCheckedAfterTypes()
    {
        var answer = await PostRawJsonAsync("task/kill", "{\"task_id\": true}", Alice);

        Assert.Equal("not the task owner or no production role", answer.Message);
    }

    [Fact]
    public async Task JsonPost_ValueEqualToDefault_SkipsTheCheck()
    {
        // broadcast=0 equals its default False in Python, so it is not type checked.
        var answer = await PostRawJsonAsync("task/kill", $"{{\"task_id\": {Seed.DoneTaskOfBob}, \"broadcast\": 0}}", PandaTestClient.Token("bob"));

        Assert.StartsWith("Command rejected: the kill command is not accepted if the task is in done status", answer.Message);
    }

    [Theory]
    [InlineData("{\"job_ids\": 5}", "Type error: 'job_ids' must be of type list, got int.")]
    [InlineData("{\"job_ids\": [1, \"2\"]}", "Type error: All elements in 'job_ids' must be int.")]
    public async Task JsonPost_ChecksListsAndTheirElements(string body, string expected)
    {
        var answer = await PostRawJsonAsync("job/kill", body, Alice);

        Assert.Equal(expected, answer.Message);
    }

    [Fact]
    public async Task JsonPost_IntFailsFloatParameter()
    {
        var answer = await PostRawJsonAsync("pilot/update_worker_node",
            "{\"site\": \"CERN-PROD\", \"host_name\": \"wn1\", \"cpu_model\": \"EPYC\", \"clock_speed\": 3}", Production, "atlas:production");

        Assert.Equal("Type error: 'clock_speed' must be of type float, got int.", answer.Message);
    }

    [Fact]
    public async Task UnionTypeAnnotation_Fails500_OnAWrongType()
    {
        var answer = await PostRawJsonAsync("data_carousel/force_to_staging", "{\"request_id\": \"abc\"}", Production, "atlas:production");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("'types.UnionType' object has no attribute '__name__'", answer.Body);
    }

    [Fact]
    public async Task FormPost_IsNotCast()
    {
        var request = _client.Request(HttpMethod.Post, "task/kill", token: Alice);
        request.Content = new FormUrlEncodedContent([KeyValuePair.Create("task_id", "45012301")]);

        var answer = await _client.SendAsync(request);

        Assert.Equal("Type error: 'task_id' must be of type int, got str.", answer.Message);
    }

    [Fact]
    public async Task Post_IgnoresTheQueryString()
    {
        var request = _client.Request(HttpMethod.Post, "task/kill", $"task_id={Seed.RunningTaskOfAlice}", Alice);

        var answer = await _client.SendAsync(request);

        Assert.Equal("Argument error: missing a required argument: 'task_id'", answer.Message);
    }

    [Fact]
    public async Task JsonWithCharset_IsNoJsonBody()
    {
        var request = _client.Request(HttpMethod.Post, "task/kill", token: Alice);
        request.Content = new StringContent($"{{\"task_id\": {Seed.RunningTaskOfAlice}}}", Encoding.UTF8, "application/json");

        var answer = await _client.SendAsync(request);

        Assert.Equal("Argument error: missing a required argument: 'task_id'", answer.Message);
    }

    [Fact]
    public async Task InvalidJson_Answers500Text()
    {
        var answer = await PostRawJsonAsync("task/kill", "{\"task_id\": ", Alice);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("text/plain", answer.ContentType);
        Assert.Equal("ERROR : received invalid JSON : Expecting value: line 1 column 13 (char 12)", answer.Body);
    }

    [Fact]
    public async Task InvalidJson_ComesAfterAuthentication()
    {
        var answer = await PostRawJsonAsync("task/kill", "not json", "not-a-token");

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
    }

    [Fact]
    public async Task JsonListBody_Answers500()
    {
        var answer = await PostRawJsonAsync("task/kill", "[1]", Alice);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Equal("pandaserver.api.v1.task_api.kill() argument after ** must be a mapping, not list", answer.Body);
    }

    [Fact]
    public async Task ReqParameter_Answers500()
    {
        var answer = await _client.GetAsync("system/is_alive", "req=1");

        Assert.Equal(HttpStatusCode.InternalServerError, answer.Status);
        Assert.Contains("got multiple values for argument 'req'", answer.Body);
    }

    [Fact]
    public async Task GzipJsonBody_IsDecompressed_WhenContentEncodingSaysSo()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes($"{{\"job_ids\": [{Seed.RunningJobOfAlice}]}}"));
        }
        var request = _client.Request(HttpMethod.Post, "job/get_description", token: Alice);
        request.Content = new ByteArrayContent(compressed.ToArray());
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Content.Headers.ContentEncoding.Add("gzip");

        var answer = await _client.SendAsync(request);

        Assert.True(answer.Success, answer.Body);
        Assert.Equal("running", answer.Data[0].GetProperty("jobStatus").GetString());
    }

    private Task<PandaAnswer> PostRawJsonAsync(string route, string body, string token, string origin = "atlas")
    {
        var request = _client.Request(HttpMethod.Post, route, token: token, origin: origin);
        request.Content = new StringContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return _client.SendAsync(request);
    }
}
