using System.Text;
using PandaMcp.Catalog;

namespace PandaMcp.Catalog.Tests;

public sealed class EndpointListTests
{
    private static readonly PandaCatalog Catalog = PandaCatalog.LoadEmbedded();

    private static IReadOnlyList<PandaEndpoint> Select(string json) =>
        EndpointList.Select(Catalog, new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");

    [Fact]
    public void DefaultList_IsPandasShippedFiftyNine()
    {
        var tools = EndpointList.SelectDefault(Catalog).Select(e => e.ToolName).ToList();
        Assert.Equal(59, tools.Count);
        Assert.Equal(59, tools.Distinct().Count());
        Assert.Contains("system_is_alive", tools);
        Assert.Contains("task_get_status", tools);
        Assert.Contains("file_server_upload_file_recovery_request", tools);
        Assert.DoesNotContain("job_get_description", tools);
        Assert.DoesNotContain("task_change_modification_time", tools);
    }

    [Fact]
    public void Select_AddsIsAlive_WhenTheListLeavesItOut()
    {
        var tools = Select("""{"task": ["get_status"]}""").Select(e => e.ToolName);
        Assert.Equal(["task_get_status", "system_is_alive"], tools);
    }

    [Fact]
    public void Select_AcceptsThePythonFileKey_ForTheCredsModule()
    {
        var tools = Select("""{"credential_management": ["get_proxy"]}""").Select(e => e.ToolName);
        Assert.Equal(["creds_get_proxy", "system_is_alive"], tools);
    }

    [Fact]
    public void Select_NamesEveryUnknownEntry_WhenTheListHasSome()
    {
        var error = Assert.Throws<EndpointListException>(() =>
            Select("""{"tasks": ["get_status"], "task": ["get_status", "explode"], "job": ["kil"]}"""));
        Assert.Contains("module 'tasks'", error.Message);
        Assert.Contains("function 'task.explode'", error.Message);
        Assert.Contains("function 'job.kil'", error.Message);
        Assert.Contains("test.json", error.Message);
    }

    [Fact]
    public void Select_ExplainsTheShape_WhenTheFileIsNotAListOfNames()
    {
        var error = Assert.Throws<EndpointListException>(() => Select("""["task_get_status"]"""));
        Assert.Contains("module names to lists of function names", error.Message);
    }

    [Fact]
    public void SelectFromFile_SaysSo_WhenTheFileIsMissing()
    {
        var error = Assert.Throws<EndpointListException>(() => EndpointList.SelectFromFile(Catalog, "/nonexistent/list.json"));
        Assert.Contains("/nonexistent/list.json does not exist", error.Message);
    }
}
