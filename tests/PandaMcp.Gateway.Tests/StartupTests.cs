namespace PandaMcp.Gateway.Tests;

/// <summary>What an operator sees when the gateway's configuration is wrong.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _listFile = Path.Combine(Path.GetTempPath(), $"endpoints-{Guid.NewGuid():N}.json");

    [Fact]
    public async Task UnknownEndpoints_StopStartUp_WithAMessageNamingEach()
    {
        await File.WriteAllTextAsync(_listFile, """{"tasks": ["get_status"], "task": ["get_status", "explode"], "job": ["kil"]}""");

        var (exitCode, stderr) = await RunGatewayAsync($"--PandaMcp:Catalog:EndpointListFile={_listFile}");

        Assert.Equal(1, exitCode);
        Assert.Contains("module 'tasks'", stderr);
        Assert.Contains("function 'task.explode'", stderr);
        Assert.Contains("function 'job.kil'", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task InvalidOption_StopsStartUp_WithAMessageNamingIt()
    {
        var (exitCode, stderr) = await RunGatewayAsync("--PandaMcp:Gateway:Port=0");

        Assert.Equal(1, exitCode);
        Assert.Contains("Port", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary>Runs the gateway as a real process, as an operator would, and waits for it to stop.</summary>
    private static async Task<(int ExitCode, string Stderr)> RunGatewayAsync(params string[] args)
    {
        var result = await DotnetProcess.RunAsync("PandaMcp.Gateway.dll", ["--urls=http://127.0.0.1:0", .. args]);
        return (result.ExitCode, result.Stderr);
    }

    public void Dispose() => File.Delete(_listFile);
}
