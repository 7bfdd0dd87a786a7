using System.Diagnostics;

namespace PandaMcp.Testing;

/// <summary>Runs one of the project's programs as a real process (<c>dotnet &lt;dll&gt; ...</c>), as a person would.</summary>
public static class DotnetProcess
{
    /// <summary>The dotnet host; the SDK names the one running the tests in DOTNET_HOST_PATH.</summary>
    public static string Host { get; } = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>Runs <paramref name="dll"/> (a path, or a file beside the test assembly) to the end, killed after <paramref name="timeout"/> (60 s).</summary>
    public static async Task<ProcessResult> RunAsync(string dll, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Host) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
