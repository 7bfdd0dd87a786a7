using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Sessions;
using PandaMcp.Silo.Cluster;

namespace PandaMcp.Gateway.Tests;

public sealed class SessionStreamReaderTests
{
    [Fact]
    public async Task Ending_a_stream_whose_grain_never_answers_waits_only_a_bounded_time()
    {
        var grainSide = new UnansweredEnd();
        var reader = new SessionStreamReader(new SessionStreamItem(SessionStreamStatus.Opened), grainSide, CancellationToken.None);

        var ended = reader.DisposeAsync().AsTask();

        await ended.WaitAsync(SessionStreamReader.EndWithin * 10);
        Assert.True(grainSide.EndAsked);
    }

    [Fact]
    public async Task Ending_a_stream_waits_for_the_grain_that_answers()
    {
        var grainSide = new UnansweredEnd();
        var reader = new SessionStreamReader(new SessionStreamItem(SessionStreamStatus.Opened), grainSide, CancellationToken.None);

        var ended = reader.DisposeAsync().AsTask();
        Assert.False(ended.IsCompleted);
        grainSide.Answer();

        await ended.WaitAsync(SessionStreamReader.EndWithin);
    }

    [Fact]
    public async Task Reading_stops_when_its_token_fires_while_the_grain_never_answers()
    {
        using var stop = new CancellationTokenSource();
        var grainSide = new UnansweredEnd();
        var reader = new SessionStreamReader(new SessionStreamItem(SessionStreamStatus.Opened), grainSide, stop.Token);

        var next = reader.Rest.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(SessionStreamReader.EndWithin));
        await reader.DisposeAsync().AsTask().WaitAsync(SessionStreamReader.EndWithin * 10);
    }

    /// <summary>The grain's side of a stream that sends nothing, and whose end is answered only when the test says (or never).</summary>
    private sealed class UnansweredEnd : IAsyncEnumerator<SessionStreamItem>
    {
        private readonly TaskCompletionSource _end = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool EndAsked { get; private set; }

        public SessionStreamItem Current => throw new InvalidOperationException("Nothing was read.");

        /// <summary>An item that never comes: the call awaiting it was lost.</summary>
        public ValueTask<bool> MoveNextAsync() => new(new TaskCompletionSource<bool>().Task);

        public ValueTask DisposeAsync()
        {
            EndAsked = true;
            return new ValueTask(_end.Task);
        }

        public void Answer() => _end.SetResult();
    }
}
