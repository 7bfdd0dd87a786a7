using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PandaMcp.Contracts.Sessions;

namespace PandaMcp.Benchmark;

/// <summary>
/// How much memory a silo needs per idle session: Redis and one silo process, and N sessions started in it
/// through <see cref="ISessionGrain.StartAsync"/> from an Orleans client, as a gateway starts them at initialize;
/// nothing else happens to them. Reports the silo's resident memory before and after.
/// </summary>
public static class IdleSessionsProbe
{
    /// <summary>Calls in flight at once: enough to keep the silo busy, few enough not to time out.</summary>
    private const int Concurrency = 256;

    /// <summary>Sessions per identity: the default limit, so that no identity passes it.</summary>
    private const int SessionsPerIdentity = 100;

    /// <summary>What a gateway stores for a typical client (its initialize parameters).</summary>
    private const string InitializeParamsJson =
        """{"protocolVersion":"2025-11-25","capabilities":{"roots":{"listChanged":true},"sampling":{}},"clientInfo":{"name":"claude-code","version":"2.1.0"}}""";

    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(10);

    public static async Task<string> RunAsync(BenchmarkOptions options, int sessions, TextWriter progress, CancellationToken cancellationToken)
    {
        progress.WriteLine("Starting Redis and one silo...");
        await using var cluster = await SplitCluster.StartAsync(ServerBinaries.FromBuild(), silos: 1, gateways: 0,
            SplitCluster.NoPanda, options.ServerLogArguments(), cancellationToken);
        await using var client = await ClusterClient.JoinAsync(cluster, cancellationToken);
        var grains = client.Grains;
        var silo = cluster.Silos[0];
        var siloBefore = silo.ResidentBytes();
        var redisBefore = await cluster.Redis.UsedMemoryBytesAsync();

        progress.WriteLine($"Starting {sessions:N0} sessions, {Concurrency} at a time...");
        var started = Stopwatch.GetTimestamp();
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, sessions),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var owner = new SessionCaller($"bench-identity-{i / SessionsPerIdentity}", SessionTransport.StreamableHttp);
                if (await grains.GetGrain<ISessionGrain>(NewSessionId()).StartAsync(new SessionStart(owner, InitializeParamsJson, RawSessionCaller.Version)) is var outcome
                    && outcome != SessionStartOutcome.Started)
                {
                    throw new BenchmarkFailedException($"A new session did not start: {outcome}.");
                }
                if (Interlocked.Increment(ref done) % 10_000 == 0)
                {
                    progress.WriteLine($"  {done:N0} sessions, silo RSS {Megabytes(silo.ResidentBytes())}");
                }
            });
        var elapsed = Stopwatch.GetElapsedTime(started);
        // Idle now: the silo finishes what it had queued (writes, GCs) before the figure is read.
        await Task.Delay(SettleTime, cancellationToken);
        var siloAfter = silo.ResidentBytes();
        var redisAfter = await cluster.Redis.UsedMemoryBytesAsync();

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{sessions:N0} idle sessions started in {elapsed.TotalSeconds:0.0} s ({sessions / elapsed.TotalSeconds:N0}/s, {Concurrency} calls in flight), "
            + $"{(sessions + SessionsPerIdentity - 1) / SessionsPerIdentity:N0} identities of {SessionsPerIdentity}; figures {SettleTime.TotalSeconds:0} s after the last start.");
        text.AppendLine();
        text.AppendLine("| process | before | after | per session |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| silo (VmRSS) | {Megabytes(siloBefore)} | {Megabytes(siloAfter)} | {(siloAfter - siloBefore) / (double)sessions / 1024:0.00} KiB |");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| Redis (used_memory) | {Megabytes(redisBefore)} | {Megabytes(redisAfter)} | {(redisAfter - redisBefore) / (double)sessions / 1024:0.00} KiB |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{options.CommandLine}`");
        return text.ToString();
    }

    /// <summary>An id like the gateway's: 128 random bits, base64url.</summary>
    private static string NewSessionId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024):N0} MiB";
}
