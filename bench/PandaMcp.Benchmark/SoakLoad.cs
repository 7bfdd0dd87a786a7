using System.Collections.Concurrent;
using System.Diagnostics;

namespace PandaMcp.Benchmark;

/// <summary>
/// A steady load for the soak: each caller makes its calls at a fixed pace until stopped. Every call that does not
/// come back as a successful tool result is kept, with when it ended and why.
/// </summary>
public sealed class SoakLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<SoakFailure> _failures = new();
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly List<Task> _workers;
    private long _succeeded;

    private SoakLoad(IReadOnlyList<(string Generation, ICaller Caller)> callers, TimeSpan pace) =>
        _workers = callers.Select(c => Task.Run(() => RunAsync(c.Generation, c.Caller, pace))).ToList();

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public int Failed => _failures.Count;

    /// <summary>Time since the load started, the clock of <see cref="SoakFailure.Started"/>.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    /// <param name="pace">Time between the starts of one caller's calls.</param>
    public static SoakLoad Start(IReadOnlyList<(string Generation, ICaller Caller)> callers, TimeSpan pace) => new(callers, pace);

    /// <summary>The failed calls that started in [<paramref name="from"/>, <paramref name="to"/>): a call that hangs belongs to the event it started in.</summary>
    public IReadOnlyList<SoakFailure> FailuresBetween(TimeSpan from, TimeSpan to) => _failures.Where(f => f.Started >= from && f.Started < to).ToList();

    private async Task RunAsync(string generation, ICaller caller, TimeSpan pace)
    {
        using var timer = new PeriodicTimer(pace);
        while (await WaitAsync(timer))
        {
            var started = Elapsed;
            string? failure;
            try
            {
                failure = await caller.CallAsync();
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                failure = $"{e.GetType().Name}: {e.Message}";
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                // Cut short by the end of the load: not a failure of the cluster.
                return;
            }
            if (failure is null)
            {
                Interlocked.Increment(ref _succeeded);
            }
            else
            {
                _failures.Enqueue(new SoakFailure(started, Elapsed - started, generation, failure));
            }
        }
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}

/// <summary>A call of the soak's load that failed: when it started (since the load started), how long it took, which protocol generation, and why.</summary>
public sealed record SoakFailure(TimeSpan Started, TimeSpan Took, string Generation, string Reason);
