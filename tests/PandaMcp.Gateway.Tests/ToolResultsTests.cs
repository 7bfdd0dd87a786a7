using ModelContextProtocol.Protocol;
using PandaMcp.Catalog;
using PandaMcp.Contracts;
using PandaMcp.Gateway.Tools;

namespace PandaMcp.Gateway.Tests;

public sealed class ToolResultsTests
{
    private static readonly PandaCatalog Catalog = PandaCatalog.LoadEmbedded();
    private static readonly PandaEndpoint Kill = Catalog.Find("task", "kill")!;

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    [Fact]
    public void From_GivesTheEnvelopeAsStructuredContentAndText_WhenPandaSucceeds()
    {
        const string body = """{"success": true, "message": "", "data": 0}""";
        var result = From(Kill, new PandaReply(200, body));
        Assert.NotEqual(true, result.IsError);
        Assert.Equal(body, Text(result));
        Assert.Equal(0, result.StructuredContent!.Value.GetProperty("data").GetInt32());
    }

    [Fact]
    public void From_PutsPandasMessageFirst_WhenPandaRefuses()
    {
        var result = From(Kill, new PandaReply(200, """{"success": false, "message": "not the task owner or no production role", "data": null}"""));
        Assert.True(result.IsError);
        Assert.StartsWith("PanDA refused POST /api/v1/task/kill: not the task owner or no production role", Text(result));
        Assert.False(result.StructuredContent!.Value.GetProperty("success").GetBoolean());
    }

    [Fact]
    public void From_NamesStatusTextAndEndpoint_WhenPandaAnswersAnError()
    {
        var result = From(Kill, new PandaReply(403, "ERROR : Token authentication failed. Unknown vo : cms"));
        Assert.True(result.IsError);
        var text = Text(result);
        Assert.Contains("HTTP 403", text);
        Assert.Contains("POST /api/v1/task/kill", text);
        Assert.Contains("Unknown vo : cms", text);
        Assert.Contains("Origin", text);
    }

    [Fact]
    public void From_SaysTheBodyIsNotJson_WhenItIsNot()
    {
        var result = From(Kill, new PandaReply(200, "{'success': True, 'message': '', 'data': None}"));
        Assert.True(result.IsError);
        Assert.Contains("not the JSON envelope", Text(result));
        Assert.Contains("{'success': True", Text(result));
    }

    [Fact]
    public void From_ExplainsTimeoutsAndUnreachableServers()
    {
        var timeout = From(Kill, PandaReply.Failed(PandaFailure.Timeout, "no answer within 5 s"));
        Assert.True(timeout.IsError);
        Assert.Contains("may or may not have reached PanDA", Text(timeout));

        var refused = From(Kill, PandaReply.Failed(PandaFailure.Unreachable, "the connection was refused or could not be made"));
        Assert.True(refused.IsError);
        Assert.Contains("could not be reached for POST /api/v1/task/kill: the connection was refused", Text(refused));
    }

    [Fact]
    public void From_ReturnsPlainTextAnswersAsText()
    {
        var script = Catalog.Find("job", "generate_offline_execution_script")!;
        var ok = From(script, new PandaReply(200, "\"#!/bin/bash\\necho job 1\""));
        Assert.NotEqual(true, ok.IsError);
        Assert.Equal("#!/bin/bash\necho job 1", Text(ok));

        var failed = From(script, new PandaReply(200, "\"ERROR: job not found\""));
        Assert.True(failed.IsError);
    }

    [Fact]
    public void InvalidArguments_NamesEveryProblem()
    {
        var result = ToolResults.InvalidArguments(Kill, ["'task_id' is required: an integer.", "'x' is not an argument of task_kill."]);
        Assert.True(result.IsError);
        Assert.Contains("'task_id' is required", Text(result));
        Assert.Contains("'x' is not an argument", Text(result));
        Assert.Contains("PanDA was not called", Text(result));
    }

    public static TheoryData<string, int, string> Replies => new()
    {
        { "statistics/job_stats_by_cloud", 200, """{"success": true, "message": "", "data": {}}""" },
        { "statistics/job_stats_by_cloud", 200, """{"success": false, "message": "bad type", "data": {}}""" },
        { "statistics/job_stats_by_cloud", 200, "<html>a proxy's login page</html>" },
        { "statistics/job_stats_by_cloud", 200, """{"message": "no success field"}""" },
        { "statistics/job_stats_by_cloud", 200, """{"success": "yes"}""" },
        { "statistics/job_stats_by_cloud", 200, "[1, 2]" },
        { "statistics/job_stats_by_cloud", 200, "" },
        { "statistics/job_stats_by_cloud", 503, """{"success": true}""" },
        { "job/generate_offline_execution_script", 200, "\"#!/bin/bash\\necho\"" },
        { "job/generate_offline_execution_script", 200, "\"ERROR: no such job\"" },
        { "job/generate_offline_execution_script", 200, "ERROR: not JSON" },
        { "job/generate_offline_execution_script", 200, "#!/bin/bash" },
    };

    /// <summary>Public reads keep only successes: the silo's rule must be the rule the agent's result is made by.</summary>
    [Theory]
    [MemberData(nameof(Replies))]
    public void PandaAnswers_CallsASuccess_ExactlyWhatTheToolResultDoes(string path, int status, string body)
    {
        var endpoint = Catalog.Endpoints.Single(e => e.Path == path);
        var reply = new PandaReply(status, body);

        Assert.Equal(From(endpoint, reply).IsError != true, PandaAnswers.Succeeded(reply, endpoint.Envelope));
    }

    private static CallToolResult From(PandaEndpoint endpoint, PandaReply reply) => ToolResults.From(endpoint, reply);
}
