using System.Diagnostics;
using System.Text;

namespace PandaMcp.Interop.Tests;

/// <summary>
/// The real MCP clients of <c>tests/interop</c>, installed from npm by <c>./test.sh</c> (<c>npm ci</c>), run as
/// processes with Node 22 from the npm package <c>node</c>. A missing install fails the test: it never skips.
/// </summary>
public static class NodeTools
{
    /// <summary>The folder with package.json, the lock file, the client scripts and the expected failures.</summary>
    public static string InteropDirectory { get; } = Path.Combine(FindRepositoryRoot(), "tests", "interop");

    public static string NodeModules => Path.Combine(InteropDirectory, "node_modules");

    public static string InspectorCli => Package("@modelcontextprotocol/inspector", "clients/launcher/build/index.js");

    public static string ConformanceCli => Package("@modelcontextprotocol/conformance", "dist/index.js");

    public static string Script(string name) => Path.Combine(InteropDirectory, name);

    /// <summary>
    /// Runs <c>node</c> with <paramref name="arguments"/> in tests/interop and waits for it; past
    /// <paramref name="timeout"/> the process tree is killed and the test fails with what it printed.
    /// </summary>
    public static async Task<NodeRun> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Node())
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"node {string.Join(' ', start.ArgumentList)} did not end within {timeout}.\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }
        // The parameterless wait also waits for the redirected streams to be read to their end.
        await process.WaitForExitAsync();
        return new NodeRun(process.ExitCode, stdout.ToString(), stderr.ToString(), clock.Elapsed);
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (text)
        {
            text.AppendLine(line);
        }
    }

    /// <summary>Node 22, from the npm package <c>node</c> that the lock file pins (the Inspector and the suite need 22).</summary>
    private static string Node() => Installed(Path.Combine(NodeModules, ".bin", "node"));

    private static string Package(string name, string file) => Installed(Path.Combine(NodeModules, name, file));

    private static string Installed(string path) => File.Exists(path)
        ? path
        : throw new InvalidOperationException(
            $"{path} is missing: the interop clients are not installed. Run `npm ci --prefix tests/interop` "
            + "(./test.sh does it) from the repository root, then run the tests again.");

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PandaMcp.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No PandaMcp.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
