using System.Diagnostics;

namespace PandaMcp.Benchmark;

/// <summary>
/// Loads a target with N workers, each making one call after another over its own connection: to warm it up, or
/// to measure a window whose calls are counted and at whose ends the processes' CPU time is read.
/// </summary>
public static class LoadRunner
{
    public static Task WarmUpAsync(LoadTarget target, int concurrency, TimeSpan length, CancellationToken cancellationToken) =>
        LoadAsync(target, concurrency, _ => Task.Delay(length, cancellationToken), cancellationToken);

    /// <param name="settle">Load before the window opens: new connections, and whatever ran before on the machine.</param>
    public static async Task<Measurement> MeasureAsync(
        LoadTarget target, int concurrency, int round, TimeSpan settle, TimeSpan duration, ChildProcess emulator,
        CancellationToken cancellationToken)
    {
        CpuSample? before = null, after = null;
        MeasuredWindow? measured = null;
        var redis = target.Redis is null ? null : new RedisCounts(target.Redis);
        await (redis?.ReadAsync() ?? Task.CompletedTask);
        var tallies = await LoadAsync(target, concurrency, async window =>
        {
            // The workers' sessions were initialized before this point, and no call has been made yet.
            await (redis?.ReadAsync() ?? Task.CompletedTask);
            await Task.Delay(settle, cancellationToken);
            await (redis?.ReadAsync() ?? Task.CompletedTask);
            before = CpuSample.Take(target.Servers, emulator);
            window.Open();
            await Task.Delay(duration, cancellationToken);
            window.Close();
            after = CpuSample.Take(target.Servers, emulator);
            await (redis?.ReadAsync() ?? Task.CompletedTask);
            measured = window;
        }, cancellationToken);
        var latencies = tallies.SelectMany(t => t.Latencies).Order().ToArray();
        return new Measurement(
            target.Name,
            concurrency,
            round,
            latencies.Length,
            tallies.Sum(t => t.Errors),
            tallies.Select(t => t.FirstError).FirstOrDefault(e => e is not null),
            measured!.Length,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            after!.ServersSince(before!),
            after.Emulator - before!.Emulator,
            after.Client - before!.Client,
            redis is null ? null : new RedisWriteCounts(concurrency, redis.WritesBetween(0, 1), redis.WritesBetween(2, 3)));
    }

    private static async Task<IReadOnlyList<WorkerTally>> LoadAsync(
        LoadTarget target, int concurrency, Func<MeasuredWindow, Task> drive, CancellationToken cancellationToken)
    {
        var callers = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => target.ConnectAsync(cancellationToken)));
        try
        {
            var window = new MeasuredWindow();
            using var stop = new CancellationTokenSource();
            var workers = callers.Select(caller => Task.Run(() => WorkAsync(caller, window, stop.Token))).ToArray();
            try
            {
                await drive(window);
            }
            finally
            {
                // Workers finish the call in flight rather than cancel it, so no call ends in a cancellation error.
                await stop.CancelAsync();
                await Task.WhenAll(workers);
            }
            return workers.Select(w => w.Result).ToList();
        }
        finally
        {
            foreach (var caller in callers)
            {
                await caller.DisposeAsync();
            }
        }
    }

    private static async Task<WorkerTally> WorkAsync(ICaller caller, MeasuredWindow window, CancellationToken stop)
    {
        var tally = new WorkerTally();
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            string? error;
            try
            {
                error = await caller.CallAsync();
            }
            catch (Exception e)
            {
                error = $"{e.GetType().Name}: {e.Message}";
            }
            var ended = Stopwatch.GetTimestamp();
            if (!window.Contains(ended))
            {
                continue;
            }
            if (error is null)
            {
                tally.Latencies.Add(ended - started);
            }
            else
            {
                tally.Fail(error);
            }
        }
        return tally;
    }

    /// <summary>The nearest-rank percentile of sorted latencies.</summary>
    private static TimeSpan Percentile(long[] sorted, double fraction) => sorted.Length == 0
        ? TimeSpan.Zero
        : Stopwatch.GetElapsedTime(0, sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)]);
}
