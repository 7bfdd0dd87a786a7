using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Silo.Hosting;

namespace PandaMcp.Silo.Tests;

/// <summary>Session and identity grains in a real (in-process) silo with storage, on a clock the test moves.</summary>
public sealed class SessionGrainTests : IAsyncLifetime
{
    private const string Alice = "jwt:alice";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddMemoryGrainStorageAsDefault().UseInMemoryReminderService());
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration["PandaMcp:Sessions:IdleTimeout"] = "00:30:00";
            host.Configuration["PandaMcp:Sessions:MaxSessionsPerIdentity"] = "2";
            host.Services.AddSingleton<TimeProvider>(_time);
            host.Services.AddSessionStore();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    private ISessionGrain Session(string id) => _cluster.Client.GetGrain<ISessionGrain>(id);

    private static SessionCaller Caller(string identity) => new(identity, SessionTransport.StreamableHttp);

    private static SessionStart Start(string identity) => new(Caller(identity), """{"protocolVersion":"2025-11-25"}""", "2025-11-25");

    [Fact]
    public async Task ASession_AnswersOnlyItsOwnIdentity_AndTransport()
    {
        Assert.Equal(SessionStartOutcome.Started, await Session("s1").StartAsync(Start(Alice)));

        Assert.True(await Session("s1").TouchAsync(Caller(Alice)));
        Assert.False(await Session("s1").TouchAsync(Caller("jwt:mallory")));
        Assert.False(await Session("s1").TouchAsync(new SessionCaller(Alice, SessionTransport.LegacySse)));
        Assert.False(await Session("s1").EndAsync(Caller("jwt:mallory")));
        Assert.False(await Session("s1").SetLogLevelAsync(Caller("jwt:mallory"), "debug"));
        Assert.False(await Session("s1").PostAsync(Caller("jwt:mallory"), "{}"));
        Assert.True(await Session("s1").TouchAsync(Caller(Alice)));
        Assert.Equal(SessionStartOutcome.Exists, await Session("s1").StartAsync(Start(Alice)));
    }

    [Fact]
    public async Task AnIdleSession_EndsAfterItsTime_AndAUsedOneDoesNot()
    {
        await Session("idle").StartAsync(Start(Alice));
        await Session("used").StartAsync(Start(Alice));

        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await Session("used").TouchAsync(Caller(Alice)));
        _time.Advance(TimeSpan.FromMinutes(20));

        Assert.False(await Session("idle").TouchAsync(Caller(Alice)));
        Assert.True(await Session("used").TouchAsync(Caller(Alice)));
    }

    [Fact]
    public async Task AnEndedSession_IsGone_AndItsStreamsWithIt()
    {
        await Session("s2").StartAsync(Start(Alice));
        await using var listening = Session("s2").ListenAsync(Caller(Alice)).GetAsyncEnumerator();
        var start = await NextAsync(listening);

        Assert.True(await Session("s2").EndAsync(Caller(Alice)));

        Assert.False(await NextOrEndAsync(listening));
        Assert.False(await Session("s2").TouchAsync(Caller(Alice)));
        Assert.Equal(SessionStreamStatus.NotFound, (await FirstAsync(Session("s2").ResumeAsync(Caller(Alice), start.Event!.Sequence))).Status);
        Assert.False(await Session("s2").EndAsync(Caller(Alice)));
    }

    [Fact]
    public async Task AnIdentity_HoldsAtMostItsLimit_AndEndedSessionsFreeTheirPlace()
    {
        var identity = Alice + "-limit";
        Assert.Equal(SessionStartOutcome.Started, await Session("l1").StartAsync(Start(identity)));
        Assert.Equal(SessionStartOutcome.Started, await Session("l2").StartAsync(Start(identity)));

        Assert.Equal(SessionStartOutcome.LimitReached, await Session("l3").StartAsync(Start(identity)));
        await Session("l1").EndAsync(Caller(identity));
        Assert.Equal(SessionStartOutcome.Started, await Session("l3").StartAsync(Start(identity)));
    }

    [Fact]
    public async Task ExpiredSessions_FreeTheirPlace_WhenTheLimitIsReached()
    {
        var identity = Alice + "-expiry";
        Assert.Equal(SessionStartOutcome.Started, await Session("e1").StartAsync(Start(identity)));
        Assert.Equal(SessionStartOutcome.Started, await Session("e2").StartAsync(Start(identity)));
        Assert.Equal(SessionStartOutcome.LimitReached, await Session("e3").StartAsync(Start(identity)));

        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(SessionStartOutcome.Started, await Session("e3").StartAsync(Start(identity)));
    }

    [Fact]
    public async Task AListener_GetsWhatIsPostedAfterItOpened_AsItIsPosted()
    {
        await Session("p1").StartAsync(Start(Alice));
        await using var listening = Session("p1").ListenAsync(Caller(Alice)).GetAsyncEnumerator();
        var opened = await NextAsync(listening);

        var next = NextAsync(listening);
        Assert.False(next.IsCompleted);
        Assert.True(await Session("p1").PostAsync(Caller(Alice), """{"jsonrpc":"2.0","method":"notifications/message"}"""));
        var pushed = await next;

        Assert.Equal(SessionStreamStatus.Opened, opened.Status);
        Assert.Equal(SessionStreamStatus.Event, pushed.Status);
        Assert.Equal("""{"jsonrpc":"2.0","method":"notifications/message"}""", pushed.Event!.Data.MessageJson);
        Assert.True(pushed.Event.Sequence > opened.Event!.Sequence);
    }

    [Fact]
    public async Task AResume_ReplaysTheStreamAfterTheNamedEvent_ThenFollowsIt()
    {
        await Session("r1").StartAsync(Start(Alice));
        await using var listening = Session("r1").ListenAsync(Caller(Alice)).GetAsyncEnumerator();
        var start = (await NextAsync(listening)).Event!;
        await Session("r1").PostAsync(Caller(Alice), "1");
        await Session("r1").PostAsync(Caller(Alice), "2");

        await using var resumed = Session("r1").ResumeAsync(Caller(Alice), start.Sequence).GetAsyncEnumerator();
        var opened = await NextAsync(resumed);
        var replayed = new[] { await NextAsync(resumed), await NextAsync(resumed) };
        var live = NextAsync(resumed);
        await Session("r1").PostAsync(Caller(Alice), "3");

        Assert.Equal(SessionStreamStatus.Opened, opened.Status);
        Assert.Equal(["1", "2"], replayed.Select(item => item.Event!.Data.MessageJson));
        Assert.Equal("3", (await live).Event!.Data.MessageJson);
    }

    [Fact]
    public async Task AResume_OfAnUnknownEvent_OrByAnotherIdentity_OpensNothing()
    {
        await Session("r2").StartAsync(Start(Alice));
        await using var listening = Session("r2").ListenAsync(Caller(Alice)).GetAsyncEnumerator();
        var start = (await NextAsync(listening)).Event!;

        Assert.Equal(SessionStreamStatus.UnknownEvent, (await FirstAsync(Session("r2").ResumeAsync(Caller(Alice), start.Sequence + 1000))).Status);
        Assert.Equal(SessionStreamStatus.NotFound, (await FirstAsync(Session("r2").ResumeAsync(Caller("jwt:mallory"), start.Sequence))).Status);
        Assert.Equal(SessionStreamStatus.NotFound, (await FirstAsync(Session("r2").ListenAsync(Caller("jwt:mallory")))).Status);
    }

    [Fact]
    public async Task ASessionWithAStreamBeingRead_DoesNotExpire_AndItsIdleTimeStartsWhenTheReaderLeaves()
    {
        await Session("x1").StartAsync(Start(Alice));
        var listening = Session("x1").ListenAsync(Caller(Alice)).GetAsyncEnumerator();
        await NextAsync(listening);

        _time.Advance(TimeSpan.FromMinutes(45));
        Assert.True(await Session("x1").ExistsAsync());
        // Returns once the grain has let go of the stream.
        await listening.DisposeAsync();
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.True(await Session("x1").ExistsAsync());
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.False(await Session("x1").ExistsAsync());
    }

    private static async Task<SessionStreamItem> NextAsync(IAsyncEnumerator<SessionStreamItem> stream) =>
        await stream.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30))
            ? stream.Current
            : throw new InvalidOperationException("The stream ended.");

    private static async Task<bool> NextOrEndAsync(IAsyncEnumerator<SessionStreamItem> stream) =>
        await stream.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    private static async Task<SessionStreamItem> FirstAsync(IAsyncEnumerable<SessionStreamItem> stream)
    {
        await using var items = stream.GetAsyncEnumerator();
        return await NextAsync(items);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
