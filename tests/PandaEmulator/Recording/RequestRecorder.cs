using Microsoft.Extensions.Options;
using PandaEmulator.Hosting;

namespace PandaEmulator.Recording;

/// <summary>The last requests received (bounded by <see cref="EmulatorOptions.RecordLimit"/>), oldest first.</summary>
internal sealed class RequestRecorder(IOptions<EmulatorOptions> options)
{
    private readonly int _limit = options.Value.RecordLimit;
    private readonly Queue<RecordedRequest> _requests = new();
    private readonly Lock _gate = new();
    private long _sequence;

    /// <summary>False with a limit of 0: benchmarks turn recording off to keep its cost out of their numbers.</summary>
    public bool IsEnabled => _limit > 0;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(RecordedRequest request)
    {
        // A short lock around a queue is cheaper under contention than any lock-free ring for this size.
        lock (_gate)
        {
            _requests.Enqueue(request);
            while (_requests.Count > _limit)
            {
                _requests.Dequeue();
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return _requests.ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }
}
