using PandaMcp.TestClient;

namespace PandaMcp.Clients.Tests;

/// <summary>Tool names with or without their module prefix.</summary>
public sealed class ToolNameResolverTests
{
    private static readonly string[] Names = ["system_is_alive", "task_get_status", "job_get_status", "data_carousel_get_requests"];

    [Theory]
    [InlineData("system_is_alive", "system_is_alive")]
    [InlineData("is_alive", "system_is_alive")]
    [InlineData("get_requests", "data_carousel_get_requests")]
    [InlineData("carousel_get_requests", "data_carousel_get_requests")]
    public void Name_FindsTheOneTool(string requested, string expected) =>
        Assert.Equal(expected, ToolNameResolver.Resolve(requested, Names).Name);

    [Fact]
    public void SharedSuffix_IsAmbiguous_AndNamesBoth()
    {
        var resolution = ToolNameResolver.Resolve("get_status", Names);

        Assert.Null(resolution.Name);
        Assert.Contains("job_get_status, task_get_status", resolution.Problem);
    }

    [Theory]
    [InlineData("status_get")]
    [InlineData("get_status_")]
    [InlineData("s_alive")]
    public void NoToolEndingInUnderscoreAndTheName_IsNotFound(string requested)
    {
        var resolution = ToolNameResolver.Resolve(requested, Names);

        Assert.Null(resolution.Name);
        Assert.Contains($"no tool '{requested}'", resolution.Problem);
    }
}
