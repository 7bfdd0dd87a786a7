using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace PandaMcp.Benchmark;

/// <summary>
/// A redis-server of the benchmark's own on a free loopback port, in memory only (no snapshots, no append-only
/// file), with a connection that reads its counters. Killed by its pid when disposed.
/// </summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly ConnectionMultiplexer _connection;

    private RedisProcess(ChildProcess process, int port, ConnectionMultiplexer connection)
    {
        Process = process;
        Port = port;
        _connection = connection;
    }

    public ChildProcess Process { get; }

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var process = ChildProcess.StartProgram("redis", "redis-server",
            ["--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], Path.GetTempPath());
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},allowAdmin=true");
                return new RedisProcess(process, port, connection);
            }
            catch (RedisConnectionException) when (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch
            {
                await process.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>How many times each command ran so far (<c>INFO commandstats</c>), by lower-case name.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CommandCountsAsync()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        // Lines read "cmdstat_hset:calls=12,usec=34,...".
        foreach (var line in (await InfoAsync("commandstats")).Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("cmdstat_", StringComparison.Ordinal) && line.Split(':', 2) is [var name, var stats])
            {
                counts[name["cmdstat_".Length..]] = long.Parse(stats.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture);
            }
        }
        return counts;
    }

    /// <summary>The memory its data takes (<c>used_memory</c>), in bytes.</summary>
    public async Task<long> UsedMemoryBytesAsync()
    {
        var line = (await InfoAsync("memory")).Split('\n', StringSplitOptions.TrimEntries)
            .First(l => l.StartsWith("used_memory:", StringComparison.Ordinal));
        return long.Parse(line["used_memory:".Length..], CultureInfo.InvariantCulture);
    }

    private async Task<string> InfoAsync(string section) =>
        await _connection.GetServer(_connection.GetEndPoints()[0]).InfoRawAsync(section) ?? "";

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await Process.DisposeAsync();
    }
}
