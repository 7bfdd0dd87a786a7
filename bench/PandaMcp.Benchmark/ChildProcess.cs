using System.Collections.Concurrent;
using System.Diagnostics;

namespace PandaMcp.Benchmark;

/// <summary>
/// A server the benchmark runs as a separate process (<c>dotnet &lt;dll&gt;</c>), so that its CPU time can be read
/// apart from the load generator's. It is killed, by its pid, when disposed.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    /// <summary>The last lines the server wrote, to show why it failed.</summary>
    public string OutputTail => string.Join(Environment.NewLine, _tail);

    public static ChildProcess Start(string name, string dll, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new BenchmarkFailedException($"Could not start {name} ({dll}).");
        var child = new ChildProcess(name, process);
        // Reading both pipes keeps the server from blocking on a full one; only the tail is kept.
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public TimeSpan CpuTime() => ProcStat.CpuTime(Id);

    /// <summary>Waits until <paramref name="url"/> gives any HTTP answer: the server is listening and started.</summary>
    public async Task WaitUntilServingAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new BenchmarkFailedException(
                    $"{Name} exited with code {_process.ExitCode} before it served {url}. Its last output:{Environment.NewLine}{OutputTail}");
            }
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                return;
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new BenchmarkFailedException(
                        $"{Name} did not serve {url} within {timeout.TotalSeconds:0} s. Its last output:{Environment.NewLine}{OutputTail}");
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _tail.Enqueue(line);
        while (_tail.Count > TailLines)
        {
            _tail.TryDequeue(out _);
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGKILL to this pid: the servers start no processes of their own.
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill: nothing left to stop.
        }
    }
}
