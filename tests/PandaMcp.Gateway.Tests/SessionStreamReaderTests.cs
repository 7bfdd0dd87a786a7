using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Sessions;

namespace PandaMcp.Gateway.Tests;

public sealed class SessionStreamReaderTests
{
    [Fact]
    public async Task Ending_a_stream_whose_grain_never_answers_waits_only_a_bounded_time()
    {
        var grainSide = new UnansweredEnd();
        var reader = new SessionStreamReader(new SessionStreamItem(SessionStreamStatus.Opened), grainSide);

        var ended = reader.DisposeAsync().AsTask();

        await ended.WaitAsync(SessionStreamReader.EndWithin * 10);
        Assert.True(grainSide.EndAsked);
    }

    [Fact]
    public async Task Ending_a_stream_waits_for_the_grain_that_answers()
    {
        var grainSide = new UnansweredEnd();
        var reader = new SessionStreamReader(new SessionStreamItem(SessionStreamStatus.Opened), grainSide);

        var ended = reader.DisposeAsync().AsTask();
        Assert.False(ended.IsCompleted);
        grainSide.Answer();

        await ended.WaitAsync(SessionStreamReader.EndWithin);
    }

    /// <summary>The grain's side of a stream whose end is answered only when the test says (or never).</summary>
    private sealed class UnansweredEnd : IAsyncEnumerator<SessionStreamItem>
    {
        private readonly TaskCompletionSource _end = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool EndAsked { get; private set; }

        public SessionStreamItem Current => throw new InvalidOperationException("Nothing was read.");

        public ValueTask<bool> MoveNextAsync() => throw new InvalidOperationException("Nothing is read.");

        public ValueTask DisposeAsync()
        {
            EndAsked = true;
            return new ValueTask(_end.Task);
        }

        public void Answer() => _end.SetResult();
    }
}
