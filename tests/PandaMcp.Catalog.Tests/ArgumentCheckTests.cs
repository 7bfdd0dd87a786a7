using System.Text.Json;
using PandaMcp.Catalog;

namespace PandaMcp.Catalog.Tests;

public sealed class ArgumentCheckTests
{
    private static readonly PandaCatalog Catalog = PandaCatalog.LoadEmbedded();

    private static ArgumentCheckResult Run(string module, string function, string argumentsJson) =>
        ArgumentCheck.Run(Catalog.Find(module, function)!,
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson));

    [Fact]
    public void Run_PassesValidArgumentsThrough()
    {
        var result = Run("job", "kill", """{"job_ids": [1, 2], "code": null, "kill_options": ["a"]}""");
        Assert.True(result.IsValid);
        Assert.Equal("""{"job_ids":[1,2],"code":null,"kill_options":["a"]}""", result.ArgumentsJson);
    }

    [Fact]
    public void Run_SendsNumbersAsText_ForUnannotatedParameters()
    {
        Assert.Equal("""{"task_id":"4242"}""", Run("task", "get_status", """{"task_id": 4242}""").ArgumentsJson);
        Assert.Equal("""{"task_id":"4242"}""", Run("task", "get_status", """{"task_id": "4242"}""").ArgumentsJson);
    }

    [Fact]
    public void Run_NamesEveryBadField()
    {
        var result = Run("task", "retry", """{"task_id": "12", "no_child_retry": 1, "colour": "red"}""");
        Assert.False(result.IsValid);
        Assert.Equal(
            [
                "'colour' is not an argument of task_retry (its arguments: task_id, new_parameters, no_child_retry, discard_events, disable_staging_mode, keep_gshare_priority, ignore_hard_exhausted).",
                "'task_id' must be an integer, not a string.",
                "'no_child_retry' must be a boolean, not a number.",
            ],
            result.Errors);
    }

    [Fact]
    public void Run_ReportsMissingRequiredArguments()
    {
        var result = Run("task", "change_priority", "{}");
        Assert.Equal(["'task_id' is required: an integer.", "'priority' is required: an integer."], result.Errors);
    }

    [Fact]
    public void Run_ChecksListItems()
    {
        var result = Run("job", "get_status", """{"job_ids": [1, "two", 3.5]}""");
        Assert.Equal(["'job_ids[1]' must be an integer, not a string.", "'job_ids[2]' must be an integer, not a fractional number."], result.Errors);
    }

    [Fact]
    public void Run_RefusesNull_WhereTheDefaultIsNotNone()
    {
        Assert.Equal(["'timeout' must be an integer, not null."], Run("job", "get_status", """{"job_ids": [1], "timeout": null}""").Errors);
    }

    [Fact]
    public void Run_AcceptsUnionMembers()
    {
        Assert.True(Run("task", "retry", """{"task_id": 1, "new_parameters": {"a": 1}}""").IsValid);
        Assert.True(Run("task", "retry", """{"task_id": 1, "new_parameters": "{}"}""").IsValid);
        Assert.False(Run("task", "retry", """{"task_id": 1, "new_parameters": 5}""").IsValid);
    }

    [Fact]
    public void Run_AcceptsAnyName_ForKeywordCatchAlls()
    {
        Assert.True(Run("system", "get_attributes", """{"anything": "x", "other": 1}""").IsValid);
    }

    [Fact]
    public void Run_BoundsTheListOfProblems_ForHugeBadArrays()
    {
        var items = string.Join(",", Enumerable.Repeat("\"x\"", 5000));
        var result = Run("job", "get_status", "{\"job_ids\": [" + items + "]}");
        Assert.Equal(21, result.Errors.Count);
        Assert.Equal("...and 4980 more problems.", result.Errors[^1]);
    }
}
