using Microsoft.Extensions.Time.Testing;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Gateway.Cluster;
using PandaMcp.Gateway.Sessions;

namespace PandaMcp.Gateway.Tests;

/// <summary>
/// Reading a session's stream when the cluster does not answer: the wait for the grain's next item may have been
/// lost, so the stream is opened again after its last event once the routes changed, and reading and ending it never
/// wait longer than the reader asks.
/// </summary>
public sealed class SessionStreamReaderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly SessionStreamItem Started = Item(4);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ClusterConnectionLosses _losses;
    private readonly GrainCallRetries _retries;
    private readonly List<long> _reopenedAfter = [];
    private (SessionStreamItem First, IAsyncEnumerator<SessionStreamItem> Following) _reopened;

    public SessionStreamReaderTests()
    {
        _losses = new ClusterConnectionLosses(_time);
        _retries = new GrainCallRetries(_losses, _time);
    }

    [Fact]
    public async Task A_stream_whose_next_item_is_not_answered_a_grace_after_the_routes_changed_is_opened_again_after_its_last_event()
    {
        var before = new GrainSide(Item(5));
        _reopened = (Item(5), new GrainSide(Item(6)));
        await using var reader = Reader(before, CancellationToken.None);

        Assert.True(await reader.Rest.MoveNextAsync());
        Assert.Equal(5, reader.Rest.Current.Event!.Sequence);
        var next = reader.Rest.MoveNextAsync().AsTask();
        _losses.NotifyGatewayCountChanged(currentNumberOfGateways: 1, previousNumberOfGateways: 2, connectionRecovered: false);
        await Wait.UntilAsync(_ =>
        {
            _time.Advance(GrainCallRetries.LossGrace);
            return Task.FromResult(next.IsCompleted);
        }, Timeout, "the next item, from the stream opened again");

        Assert.True(await next);
        Assert.Equal(6, reader.Rest.Current.Event!.Sequence);
        Assert.Equal([5L], _reopenedAfter);
        Assert.True(before.EndAsked);
    }

    [Fact]
    public async Task A_stream_the_session_no_longer_has_ends_with_a_cluster_failure_when_opened_again()
    {
        _reopened = (SessionStreamItem.UnknownEvent, new GrainSide());
        await using var reader = Reader(new GrainSide(), CancellationToken.None);

        var next = reader.Rest.MoveNextAsync().AsTask();
        _losses.NotifyClusterConnectionLost();
        await Wait.UntilAsync(_ =>
        {
            _time.Advance(GrainCallRetries.LossGrace);
            return Task.FromResult(next.IsCompleted);
        }, Timeout, "the stream's end");

        await Assert.ThrowsAsync<SiloUnavailableException>(() => next);
        Assert.Equal([4L], _reopenedAfter);
    }

    [Fact]
    public async Task A_stream_that_waits_while_the_routes_stay_the_same_is_not_opened_again()
    {
        var grainSide = new GrainSide();
        await using var reader = Reader(grainSide, CancellationToken.None);

        var next = reader.Rest.MoveNextAsync().AsTask();
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(GrainCallRetries.LossGrace);
            await Task.Delay(50);
        }

        Assert.False(next.IsCompleted);
        Assert.Empty(_reopenedAfter);
    }

    [Fact]
    public async Task Reading_stops_when_its_token_fires_while_the_grain_never_answers()
    {
        using var stop = new CancellationTokenSource();
        var reader = Reader(new GrainSide(), stop.Token);

        var next = reader.Rest.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Timeout));
        await reader.DisposeAsync().AsTask().WaitAsync(Timeout);
    }

    [Fact]
    public async Task Ending_a_stream_whose_grain_never_answers_waits_only_a_bounded_time()
    {
        var grainSide = new GrainSide();
        var reader = Reader(grainSide, CancellationToken.None);

        await reader.DisposeAsync().AsTask().WaitAsync(SessionStreamReader.EndWithin * 10);

        Assert.True(grainSide.EndAsked);
    }

    [Fact]
    public async Task Ending_a_stream_waits_for_the_grain_that_answers()
    {
        var grainSide = new GrainSide();
        var reader = Reader(grainSide, CancellationToken.None);

        var ended = reader.DisposeAsync().AsTask();
        Assert.False(ended.IsCompleted);
        grainSide.AnswerEnd();

        await ended.WaitAsync(SessionStreamReader.EndWithin);
    }

    private SessionStreamReader Reader(GrainSide grainSide, CancellationToken cancellationToken) =>
        new(Started, grainSide, (after, _) =>
        {
            _reopenedAfter.Add(after);
            return Task.FromResult(_reopened);
        }, _retries, cancellationToken);

    private static SessionStreamItem Item(long sequence) =>
        new(SessionStreamStatus.Opened, new SessionEvent(sequence, new SessionEventData("{}")));

    /// <summary>The grain's side of a stream: the given items, then nothing ever; its end answered when the test says.</summary>
    private sealed class GrainSide(params SessionStreamItem[] items) : IAsyncEnumerator<SessionStreamItem>
    {
        private readonly TaskCompletionSource _end = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _read;

        public bool EndAsked { get; private set; }

        public SessionStreamItem Current => items[_read - 1];

        public ValueTask<bool> MoveNextAsync() =>
            _read < items.Length ? new(++_read > 0) : new(new TaskCompletionSource<bool>().Task);

        public ValueTask DisposeAsync()
        {
            EndAsked = true;
            return new ValueTask(_end.Task);
        }

        public void AnswerEnd() => _end.SetResult();
    }
}
