using System.Collections.Concurrent;
using System.Diagnostics;

namespace PandaMcp.Testing;

/// <summary>
/// A silo or a gateway run as an operator runs it, <c>dotnet &lt;dll&gt;</c> with configuration in environment
/// variables; its output is kept for failure messages, and it is killed by its pid on dispose.
/// </summary>
public sealed class ClusterProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _everyLine = new();

    private ClusterProcess(string name, Process process, Uri address, int? siloPort, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Environment = environment;
        _process = process;
        Address = address;
        SiloPort = siloPort;
    }

    public string Name { get; }

    /// <summary>The process's web address (<c>--urls</c>): health endpoints, and MCP on a gateway.</summary>
    public Uri Address { get; }

    /// <summary>The configuration it was started with.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>A silo's Orleans silo-to-silo port, which names it in the cluster's membership.</summary>
    public int? SiloPort { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines it wrote, for a failure message.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Every line it wrote, for searches.</summary>
    public IReadOnlyCollection<string> EveryLine => _everyLine;

    public static ClusterProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, int? siloPort = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        start.ArgumentList.Add($"--urls={address}");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        var started = new ClusterProcess(name, process, address, siloPort, environment);
        process.OutputDataReceived += (_, line) => started.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => started.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        _everyLine.Enqueue(line);
        while (_output.Count > KeptLines && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>Waits until <paramref name="path"/> answers 200; fails at once, with its output, if the process exits.</summary>
    public async Task WaitForAsync(string path, HttpClient http, TimeSpan timeout)
    {
        try
        {
            await Wait.UntilAsync(async cancellationToken =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Output}");
                }
                try
                {
                    using var response = await http.GetAsync(new Uri(Address, path), cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, timeout, $"{Name} answers {path}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Output}", e);
        }
    }

    /// <summary>Kills it at once, as a crashed node or a lost machine.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks it to stop (SIGTERM) and waits until it has.</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        Signals.Terminate(_process);
        await _process.WaitForExitAsync().WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
    }
}
