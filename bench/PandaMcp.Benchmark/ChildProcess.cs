using System.Collections.Concurrent;
using System.Diagnostics;

namespace PandaMcp.Benchmark;

/// <summary>
/// A server the benchmark runs as a separate process (<c>dotnet &lt;dll&gt;</c>, or redis-server), so that its CPU
/// time and memory can be read apart from the load generator's. It is killed, by its pid, when disposed.
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

    /// <summary>Starts <c>dotnet &lt;dll&gt;</c>, with <paramref name="environment"/> added to this process's own.</summary>
    public static ChildProcess Start(
        string name, string dll, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        StartProgram(name, "dotnet", [dll, .. arguments], Path.GetDirectoryName(dll)!, environment);

    /// <summary>Starts a program found on the PATH (redis-server).</summary>
    public static ChildProcess StartProgram(
        string name, string program, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new BenchmarkFailedException($"Could not start {name} ({program}).");
        var child = new ChildProcess(name, process);
        // Reading both pipes keeps the server from blocking on a full one; only the tail is kept.
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Asks it to stop (SIGTERM, as Kubernetes stops a pod) and waits until it has.</summary>
    public async Task TerminateAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Signals.Terminate(_process);
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
    }

    /// <summary>Kills it at once (SIGKILL), as a crashed node.</summary>
    public async Task KillAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
    }

    public TimeSpan CpuTime() => ProcStat.CpuTime(Id);

    /// <summary>Its resident memory, as the kernel counts it.</summary>
    public long ResidentBytes() => ProcStat.ResidentBytes(Id);

    /// <summary>
    /// Waits until <paramref name="url"/> gives any HTTP answer (the server is listening and started), or a
    /// successful one when <paramref name="successOnly"/> (a readiness probe that answers 503 until ready).
    /// </summary>
    public async Task WaitUntilServingAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken, bool successOnly = false)
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
                if (!successOnly || response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet: try again below, until the deadline.
            }
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new BenchmarkFailedException(
                    $"{Name} did not serve {url} within {timeout.TotalSeconds:0} s. Its last output:{Environment.NewLine}{OutputTail}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
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
