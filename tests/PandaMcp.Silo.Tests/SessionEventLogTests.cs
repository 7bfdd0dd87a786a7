using Microsoft.Extensions.Time.Testing;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Silo.Sessions;

namespace PandaMcp.Silo.Tests;

public sealed class SessionEventLogTests
{
    private readonly FakeTimeProvider _time = new();

    private SessionEventLog NewLog(int maxEvents = 100) => new(maxEvents, TimeSpan.FromMinutes(10), _time);

    private static SessionEventData Message(string json, string? finalFor = null) => new(json, FinalForRequestIdJson: finalFor);

    private static SessionEventData Recorded(string requestIdJson) =>
        new(null, ToolResult: new RecordedToolResult(requestIdJson, "system_is_alive", new PandaReply(200, "{}")));

    [Fact]
    public void Read_ReturnsTheStreamsEventsAfterTheGivenOne_InOrder()
    {
        var log = NewLog();
        var priming = log.Append("1", SessionEventData.Priming(TimeSpan.FromSeconds(1)));
        var progress = log.Append("1", Message("""{"progress":1}"""));
        log.Append("2", Message("""{"other":true}"""));
        var final = log.Append("1", Message("""{"id":1}""", finalFor: "1"));

        var batch = log.Read("1", priming.Sequence);

        Assert.Equal([progress.Sequence, final.Sequence], batch.Events.Select(e => e.Sequence));
        Assert.True(batch.Ended);
        Assert.True(progress.Sequence > priming.Sequence && final.Sequence > progress.Sequence);
    }

    [Fact]
    public void AnOpenedStream_GoesOnBeforeItsFirstEvent_AndAnUnknownOneHasEnded()
    {
        var log = NewLog();
        log.Open("3");

        Assert.True(log.Knows("3"));
        Assert.False(log.Read("3", 0).Ended);
        Assert.False(log.Knows("4"));
        Assert.True(log.Read("4", 0).Ended);

        var answer = log.Append("3", Recorded("3"));

        Assert.Equal([answer.Sequence], log.Read("3", 0).Events.Select(e => e.Sequence));
        Assert.True(log.Read("3", 0).Ended);
    }

    [Fact]
    public void AStreamWithoutItsFinalResponse_GoesOn()
    {
        var log = NewLog();
        var priming = log.Append("1", SessionEventData.Priming(null));

        var batch = log.Read("1", priming.Sequence);

        Assert.Empty(batch.Events);
        Assert.False(batch.Ended);
        Assert.False(log.Changed.IsCompleted);
        log.Append("1", Message("""{"progress":1}"""));
        Assert.True(log.Changed.IsCompleted || log.Read("1", priming.Sequence).Events.Count == 1);
    }

    [Fact]
    public void TheSdksFinalResponse_ReplacesTheRecordedResult_UnderTheSameId()
    {
        var log = NewLog();
        var priming = log.Append("7", SessionEventData.Priming(null));
        var recorded = log.Append("7", Recorded("7"));

        var written = log.Append("7", Message("""{"id":7,"result":{}}""", finalFor: "7"));

        Assert.Equal(recorded.Sequence, written.Sequence);
        var only = Assert.Single(log.Read("7", priming.Sequence).Events);
        Assert.Equal("""{"id":7,"result":{}}""", only.Data.MessageJson);
        Assert.Null(only.Data.ToolResult);
    }

    [Fact]
    public void EventsAfterTheFinalResponse_AreNotKept()
    {
        var log = NewLog();
        log.Append("3", Recorded("3"));

        var late = log.Append("3", Message("""{"progress":9}"""));

        Assert.Equal(0, late.Sequence);
        Assert.Equal(1, log.Count);
    }

    [Fact]
    public void TheLog_KeepsAtMostItsCount_DroppingTheOldest()
    {
        var log = NewLog(maxEvents: 3);
        var first = log.Append("g", Message("1"));
        foreach (var i in Enumerable.Range(2, 4))
        {
            log.Append("g", Message($"{i}"));
        }

        Assert.Equal(3, log.Count);
        Assert.Null(log.StreamOf(first.Sequence));
        Assert.Equal(["3", "4", "5"], log.Read("g", 0).Events.Select(e => e.Data.MessageJson));
    }

    [Fact]
    public void EventsOlderThanTheirAge_AreDropped()
    {
        var log = NewLog();
        var old = log.Append("g", Message("old"));
        _time.Advance(TimeSpan.FromMinutes(11));
        var fresh = log.Append("g", Message("fresh"));

        Assert.Null(log.StreamOf(old.Sequence));
        Assert.Equal("g", log.StreamOf(fresh.Sequence));
    }

    [Fact]
    public void IdsOfAnotherLog_AreUnknown()
    {
        var before = NewLog().Append("g", Message("x"));
        var after = NewLog();
        after.Append("g", Message("y"));

        Assert.Null(after.StreamOf(before.Sequence));
    }
}
