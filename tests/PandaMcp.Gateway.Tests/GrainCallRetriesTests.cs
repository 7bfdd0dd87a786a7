using Microsoft.Extensions.Time.Testing;
using PandaMcp.Contracts;
using PandaMcp.Silo.Cluster;

namespace PandaMcp.Gateway.Tests;

/// <summary>
/// Calls out when a connection of the cluster client closed: Orleans may have lost their request or answer with it,
/// so a call that is safe to repeat is sent again once the grace has passed, and any other call waits for its own
/// answer.
/// </summary>
public sealed class GrainCallRetriesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly PandaCall Read = Call("GET");
    private static readonly PandaCall Change = Call("POST");

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ClusterConnectionLosses _losses;
    private readonly GrainCallRetries _retries;

    public GrainCallRetriesTests()
    {
        _losses = new ClusterConnectionLosses(_time);
        _retries = new GrainCallRetries(_losses, _time);
    }

    [Fact]
    public async Task A_read_still_out_a_grace_after_a_connection_closed_is_sent_again_and_its_new_answer_returned()
    {
        var sends = new Sends();
        var answer = _retries.RetryToolCallAsync(Read, sends, static s => s.Send(), CancellationToken.None);
        await sends.UntilAsync(1);

        _losses.NotifyGatewayCountChanged(currentNumberOfGateways: 1, previousNumberOfGateways: 2, connectionRecovered: false);
        await AdvanceUntilAsync(() => sends.Count == 2, "the read sent a second time");
        sends.Answer(1, "second");

        Assert.Equal("second", await answer.WaitAsync(Timeout));
        Assert.Equal(2, sends.Count);
    }

    [Fact]
    public async Task A_read_answered_within_the_grace_after_a_connection_closed_is_not_sent_again()
    {
        var sends = new Sends();
        var answer = _retries.RetryRepeatableAsync(sends, static s => s.Send(), CancellationToken.None);
        await sends.UntilAsync(1);

        _losses.NotifyClusterConnectionLost();
        sends.Answer(0, "first");

        Assert.Equal("first", await answer.WaitAsync(Timeout));
        Assert.Equal(1, sends.Count);
    }

    [Fact]
    public async Task A_call_that_may_change_something_waits_for_its_own_answer_after_a_connection_closed()
    {
        var sends = new Sends();
        var answer = _retries.RetryToolCallAsync(Change, sends, static s => s.Send(), CancellationToken.None);
        await sends.UntilAsync(1);

        _losses.NotifyGatewayCountChanged(currentNumberOfGateways: 0, previousNumberOfGateways: 1, connectionRecovered: false);
        await TenGracesPassAsync();
        sends.Answer(0, "first");

        Assert.Equal("first", await answer.WaitAsync(Timeout));
        Assert.Equal(1, sends.Count);
    }

    [Fact]
    public async Task A_connection_that_opens_loses_nothing()
    {
        var sends = new Sends();
        var answer = _retries.RetryRepeatableAsync(sends, static s => s.Send(), CancellationToken.None);
        await sends.UntilAsync(1);

        _losses.NotifyGatewayCountChanged(currentNumberOfGateways: 2, previousNumberOfGateways: 1, connectionRecovered: false);
        await TenGracesPassAsync();
        sends.Answer(0, "first");

        Assert.Equal("first", await answer.WaitAsync(Timeout));
        Assert.Equal(1, sends.Count);
    }

    [Fact]
    public async Task A_read_sent_just_after_a_loss_is_sent_again_each_grace_while_unsettled_and_then_only_after_another_loss()
    {
        _losses.NotifyGatewayCountChanged(currentNumberOfGateways: 1, previousNumberOfGateways: 2, connectionRecovered: false);
        var sends = new Sends();
        var answer = _retries.RetryRepeatableAsync(sends, static s => s.Send(), CancellationToken.None);
        await sends.UntilAsync(1);

        // The first send made again is as exposed to the loss as the first: it is sent again too.
        await AdvanceUntilAsync(() => sends.Count >= 3, "the read sent a third time while the routes are unsettled");
        await TenGracesPassAsync();
        var settled = sends.Count;
        await TenGracesPassAsync();
        Assert.Equal(settled, sends.Count);
        Assert.InRange(settled, 3, 6);

        _losses.NotifyGatewayCountChanged(currentNumberOfGateways: 1, previousNumberOfGateways: 2, connectionRecovered: false);
        await AdvanceUntilAsync(() => sends.Count > settled, "the read sent again after another loss");
        sends.Answer(sends.Count - 1, "last");
        Assert.Equal("last", await answer.WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_read_sent_once_the_connections_settled_after_a_loss_waits_for_its_answer()
    {
        _losses.NotifyGatewayCountChanged(currentNumberOfGateways: 1, previousNumberOfGateways: 2, connectionRecovered: false);
        _time.Advance(ClusterConnectionLosses.Unsettled);
        var sends = new Sends();
        var answer = _retries.RetryRepeatableAsync(sends, static s => s.Send(), CancellationToken.None);
        await sends.UntilAsync(1);

        await TenGracesPassAsync();
        sends.Answer(0, "first");

        Assert.Equal("first", await answer.WaitAsync(Timeout));
        Assert.Equal(1, sends.Count);
    }

    /// <summary>Ten graces pass on the fake clock, with time between them for a resend to happen if one were due.</summary>
    private async Task TenGracesPassAsync()
    {
        for (var i = 0; i < 10; i++)
        {
            _time.Advance(GrainCallRetries.LossGrace);
            await Task.Delay(50);
        }
    }

    /// <summary>Moves the fake clock on until <paramref name="condition"/> holds: the grace's timer is set when the change is seen.</summary>
    private Task AdvanceUntilAsync(Func<bool> condition, string what) =>
        Wait.UntilAsync(_ =>
        {
            _time.Advance(GrainCallRetries.LossGrace);
            return Task.FromResult(condition());
        }, Timeout, what);

    private static PandaCall Call(string method) =>
        new("task", "get_status", method, PandaEncoding.Query, "{}", PandaCredentials.Anonymous);

    /// <summary>The sends of one grain call, each answered when the test says.</summary>
    private sealed class Sends
    {
        private readonly List<TaskCompletionSource<string>> _sends = [];

        public int Count
        {
            get { lock (_sends) { return _sends.Count; } }
        }

        public Task<string> Send()
        {
            var send = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_sends)
            {
                _sends.Add(send);
            }
            return send.Task;
        }

        public void Answer(int send, string answer)
        {
            lock (_sends)
            {
                _sends[send].SetResult(answer);
            }
        }

        public Task UntilAsync(int count) =>
            Wait.UntilAsync(_ => Task.FromResult(Count >= count), Timeout, $"{count} sends");
    }
}
