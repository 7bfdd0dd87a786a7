using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Silo.Sessions;

namespace PandaMcp.Silo.Tests;

public sealed class SessionEventLogTests
{
    private readonly FakeTimeProvider _time = new();

    private readonly KeptAnswers _answers = new(Options.Create(new SessionStoreOptions { MaxKeptAnswerBytes = 1 << 20 }));

    private SessionEventLog NewLog(int maxEvents = 100) => new(maxEvents, TimeSpan.FromMinutes(10), _time, _answers);

    private static SessionEventData Message(string json) => new(json);

    private static SessionEventData Recorded(string requestIdJson) =>
        new(null, new RecordedToolResult(requestIdJson, "system_is_alive", new PandaReply(200, "{}")));

    [Fact]
    public void Read_ReturnsTheStreamsEventsAfterTheGivenOne_InOrder_AndTheEndItsWriterGave()
    {
        var log = NewLog();
        var start = log.Open();
        var progress = log.Append(start.Sequence, Message("""{"progress":1}"""))!;
        var other = log.Open();
        log.Append(other.Sequence, Message("""{"other":true}"""));
        var final = log.Append(start.Sequence, Recorded("1"), ends: true)!;

        var (events, ended) = log.Read(start.Sequence, start.Sequence);

        Assert.Equal([progress.Sequence, final.Sequence], events.Select(e => e.Sequence));
        Assert.True(ended);
        Assert.False(log.Read(other.Sequence, other.Sequence).Ended);
        Assert.True(progress.Sequence > start.Sequence && final.Sequence > progress.Sequence);
    }

    [Fact]
    public void PastTheSilosBound_TheOldestAnswer_OfAnySession_IsReplacedByANoteThatItWasDropped()
    {
        var first = NewLog();
        var second = NewLog();
        var older = first.Open();
        var newer = second.Open();
        // 300,000 characters: about 600 KB each in memory, two of them over the 1 MiB bound.
        var body = "{\"data\":\"" + new string('x', 300_000) + "\"}";
        first.Append(older.Sequence, new(null, new RecordedToolResult("1", "task_get_status", new PandaReply(200, body))), ends: true);
        second.Append(newer.Sequence, new(null, new RecordedToolResult("2", "task_get_status", new PandaReply(200, body))), ends: true);

        var dropped = Assert.Single(first.Read(older.Sequence, older.Sequence).Events).Data.ToolResult!;
        var kept = Assert.Single(second.Read(newer.Sequence, newer.Sequence).Events).Data.ToolResult!;

        Assert.Equal(("1", PandaFailure.NotKept), (dropped.RequestIdJson, dropped.Reply.Failure));
        Assert.Contains("was dropped from replay", dropped.Reply.FailureDetail);
        Assert.Equal(body, kept.Reply.Body);
        Assert.Equal(2L * body.Length, _answers.Bytes);
    }

    [Fact]
    public void AnswersALogLetsGoOf_NoLongerCount()
    {
        var log = NewLog(maxEvents: 2);
        var stream = log.Open();
        log.Append(stream.Sequence, new(null, new RecordedToolResult("1", "task_get_status", new PandaReply(200, new string('x', 1000)))), ends: true);
        Assert.Equal(2000, _answers.Bytes);

        var other = log.Open();
        log.Append(other.Sequence, Message("{}"));
        Assert.Equal(0, _answers.Bytes);

        log.Append(other.Sequence, Recorded("2"), ends: true);
        log.Clear();
        Assert.Equal(0, _answers.Bytes);
    }

    [Fact]
    public void AStreamThatEnded_TakesNoMoreEvents()
    {
        var log = NewLog();
        var start = log.Open();
        log.Append(start.Sequence, Recorded("3"), ends: true);

        Assert.Null(log.Append(start.Sequence, Message("""{"progress":9}""")));
        Assert.Equal(2, log.Count);
    }

    [Fact]
    public void AnUnknownStream_HasEnded_AndTakesNoEvents()
    {
        var log = NewLog();

        Assert.True(log.Read(42, 0).Ended);
        Assert.Null(log.Append(42, Message("{}")));
        Assert.Equal(0, log.Count);
    }

    [Fact]
    public void Changed_CompletesAtTheNextEvent_NotBefore()
    {
        var log = NewLog();
        var start = log.Open();
        var changed = log.Changed;

        Assert.False(changed.IsCompleted);
        log.Append(start.Sequence, Message("""{"progress":1}"""));

        Assert.True(changed.IsCompleted);
        Assert.False(log.Changed.IsCompleted);
    }

    [Fact]
    public void Changed_CompletesWhenAStreamEnds_AndWhenTheLogIsCleared()
    {
        var log = NewLog();
        var start = log.Open();
        var ending = log.Changed;
        log.End(start.Sequence);
        var clearing = log.Changed;
        log.Clear();

        Assert.True(ending.IsCompleted);
        Assert.True(clearing.IsCompleted);
        Assert.True(log.Read(start.Sequence, 0).Ended);
    }

    [Fact]
    public void TheLog_KeepsAtMostItsCount_DroppingTheOldest()
    {
        var log = NewLog(maxEvents: 3);
        var start = log.Open();
        var first = log.Append(start.Sequence, Message("1"))!;
        foreach (var i in Enumerable.Range(2, 4))
        {
            log.Append(start.Sequence, Message($"{i}"));
        }

        Assert.Equal(3, log.Count);
        Assert.Null(log.StreamOf(first.Sequence));
        Assert.Equal(["3", "4", "5"], log.Read(start.Sequence, 0).Events.Select(e => e.Data.MessageJson));
    }

    [Fact]
    public void AnOpenStream_OutlivesItsPrunedEvents_AndAnEndedOneIsForgottenWithThem()
    {
        var log = NewLog(maxEvents: 2);
        var open = log.Open();
        var ended = log.Open();
        log.End(ended.Sequence);
        log.Open();
        log.Open();

        Assert.False(log.Read(open.Sequence, 0).Ended);
        Assert.NotNull(log.Append(open.Sequence, Message("late")));
        Assert.True(log.Read(ended.Sequence, 0).Ended);
    }

    [Fact]
    public void EventsOlderThanTheirAge_AreDropped()
    {
        var log = NewLog();
        var start = log.Open();
        var old = log.Append(start.Sequence, Message("old"))!;
        _time.Advance(TimeSpan.FromMinutes(11));
        var fresh = log.Append(start.Sequence, Message("fresh"))!;

        Assert.Null(log.StreamOf(old.Sequence));
        Assert.Equal(start.Sequence, log.StreamOf(fresh.Sequence));
    }

    [Fact]
    public void IdsOfAnotherLog_AreUnknown()
    {
        var before = NewLog().Open();
        var after = NewLog();
        after.Open();

        Assert.Null(after.StreamOf(before.Sequence));
    }
}
