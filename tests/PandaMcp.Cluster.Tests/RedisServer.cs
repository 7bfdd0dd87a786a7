using PandaMcp.Testing;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace PandaMcp.Cluster.Tests;

/// <summary>
/// A redis-server of the test's own, on a free loopback port; a child process (not daemonized), killed by its
/// pid on dispose. Its data is kept in an append-only file of its own folder, so that it can be stopped and
/// started again with what it held, as a Redis that was unreachable for a while comes back.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder;
    private Process _process;

    private RedisServer(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        _folder = folder;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(TimeSpan timeout)
    {
        var port = FreePort.Next();
        var folder = Directory.CreateTempSubdirectory("panda-redis-").FullName;
        var server = new RedisServer(Launch(port, folder), port, folder);
        try
        {
            await server.WaitUntilAnsweringAsync(timeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Stops it (SIGTERM: it writes its data out and exits); clients see refused connections.</summary>
    public async Task StopAsync()
    {
        Signals.Terminate(_process);
        await _process.WaitForExitAsync();
    }

    /// <summary>Starts it again on the same port with the data it had.</summary>
    public async Task RestartAsync(TimeSpan timeout)
    {
        _process.Dispose();
        _process = Launch(Port, _folder);
        await WaitUntilAnsweringAsync(timeout);
    }

    /// <summary>Every key and value it holds, as text, for searches.</summary>
    public async Task<string> DumpAsync()
    {
        var keys = await CliAsync("--scan");
        var text = new StringBuilder(keys);
        foreach (var key in keys.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var type = (await CliAsync("type", key)).Trim();
            text.AppendLine(type switch
            {
                "hash" => await CliAsync("hgetall", key),
                "string" => await CliAsync("get", key),
                "list" => await CliAsync("lrange", key, "0", "-1"),
                "set" => await CliAsync("smembers", key),
                "zset" => await CliAsync("zrange", key, "0", "-1", "withscores"),
                _ => $"({type})",
            });
        }
        return text.ToString();
    }

    /// <summary>A counter of its INFO (e.g. <c>total_commands_processed</c>, or a command's <c>cmdstat_hset</c> calls).</summary>
    public async Task<long> CommandCountAsync(string command)
    {
        var stats = await CliAsync("info", "commandstats");
        var line = stats.Split('\n').FirstOrDefault(l => l.StartsWith($"cmdstat_{command}:", StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }
        var calls = line.Split(':', 2)[1].Split(',')[0];
        return long.Parse(calls.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> CliAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-p", $"{Port}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-cli did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static Process Launch(int port, string folder)
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", folder })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private Task WaitUntilAnsweringAsync(TimeSpan timeout) =>
        Wait.UntilAsync(AnswersPingAsync, timeout, $"redis-server on port {Port} answers PING");

    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}.");
        }
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
