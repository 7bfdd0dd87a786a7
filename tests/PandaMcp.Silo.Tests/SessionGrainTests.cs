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

    private static SessionStart Start(string identity) => new(identity, """{"protocolVersion":"2025-11-25"}""", "2025-11-25");

    [Fact]
    public async Task ASession_AnswersOnlyItsOwnIdentity()
    {
        Assert.True(await Session("s1").StartAsync(Start(Alice)));

        Assert.NotNull(await Session("s1").TouchAsync(Alice));
        Assert.Null(await Session("s1").TouchAsync("jwt:mallory"));
        Assert.False(await Session("s1").EndAsync("jwt:mallory"));
        Assert.NotNull(await Session("s1").TouchAsync(Alice));
    }

    [Fact]
    public async Task AnIdleSession_EndsAfterItsTime_AndAUsedOneDoesNot()
    {
        await Session("idle").StartAsync(Start(Alice));
        await Session("used").StartAsync(Start(Alice));

        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.NotNull(await Session("used").TouchAsync(Alice));
        _time.Advance(TimeSpan.FromMinutes(20));

        Assert.Null(await Session("idle").TouchAsync(Alice));
        Assert.NotNull(await Session("used").TouchAsync(Alice));
    }

    [Fact]
    public async Task AnEndedSession_IsGone_AndItsEventsWithIt()
    {
        await Session("s2").StartAsync(Start(Alice));
        var written = await Session("s2").AppendAsync("1", SessionEventData.Priming(null));

        Assert.True(await Session("s2").EndAsync(Alice));

        Assert.Null(await Session("s2").TouchAsync(Alice));
        Assert.Null(await Session("s2").StreamOfAsync(written.Sequence));
        Assert.False(await Session("s2").EndAsync(Alice));
    }

    [Fact]
    public async Task AnIdentity_HoldsAtMostItsLimit_AndEndedSessionsFreeTheirPlace()
    {
        var identity = Alice + "-limit";
        var sessions = _cluster.Client.GetGrain<IIdentitySessionsGrain>(identity);
        Assert.True(await sessions.TryReserveAsync());
        await Session("l1").StartAsync(Start(identity));
        Assert.True(await sessions.TryReserveAsync());
        await Session("l2").StartAsync(Start(identity));

        Assert.False(await sessions.TryReserveAsync());
        await Session("l1").EndAsync(identity);
        Assert.True(await sessions.TryReserveAsync());
    }

    [Fact]
    public async Task ExpiredSessions_FreeTheirPlace_WhenTheLimitIsReached()
    {
        var identity = Alice + "-expiry";
        var sessions = _cluster.Client.GetGrain<IIdentitySessionsGrain>(identity);
        foreach (var id in new[] { "e1", "e2" })
        {
            Assert.True(await sessions.TryReserveAsync());
            await Session(id).StartAsync(Start(identity));
        }
        Assert.False(await sessions.TryReserveAsync());

        _time.Advance(TimeSpan.FromMinutes(31));

        Assert.True(await sessions.TryReserveAsync());
    }

    [Fact]
    public async Task AReader_WaitsForTheNextEvent_AndStopsAtTheFinalResponse()
    {
        await Session("r1").StartAsync(Start(Alice));
        var priming = await Session("r1").AppendAsync("5", SessionEventData.Priming(null));

        var reading = Session("r1").ReadAsync("5", priming.Sequence, TimeSpan.FromSeconds(30));
        Assert.False(reading.IsCompleted);
        await Session("r1").AppendAsync("5", new SessionEventData("""{"id":5,"result":{}}""", FinalForRequestIdJson: "5"));
        var batch = await reading.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Single(batch.Events);
        Assert.True(batch.Ended);
    }

    [Fact]
    public async Task AStreamReadFromItsStart_IsAwaitedUntilItsFirstEvent()
    {
        await Session("r2").StartAsync(Start(Alice));

        // A client resuming from a POST's priming event before the POST's call reached the grain.
        var reading = Session("r2").ReadAsync("7", 0, TimeSpan.FromSeconds(30));
        Assert.False(reading.IsCompleted);
        var answer = await Session("r2").AppendAsync("7", new SessionEventData("""{"id":7,"result":{}}""", FinalForRequestIdJson: "7"));
        var batch = await reading.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([answer.Sequence], batch.Events.Select(e => e.Sequence));
        Assert.True(batch.Ended);
    }

    [Fact]
    public async Task AStreamThatNeverStarts_EndsEmpty_AfterTheWait()
    {
        await Session("r3").StartAsync(Start(Alice));

        var reading = Session("r3").ReadAsync("8", 0, TimeSpan.FromSeconds(30));
        await Session("r3").AppendAsync("other", SessionEventData.Priming(null));
        Assert.False(reading.IsCompleted);
        // The read may reach the grain after a step of the clock: step until it is answered, at most 50 steps of
        // 31 s, short of the idle timeout (30 minutes), which would end the read another way.
        for (var steps = 0; !reading.IsCompleted && steps < 50; steps++)
        {
            _time.Advance(TimeSpan.FromSeconds(31));
            await Task.WhenAny(reading, Task.Delay(200));
        }
        var batch = await reading.WaitAsync(TimeSpan.FromSeconds(1));

        Assert.Empty(batch.Events);
        Assert.True(batch.Ended);
        Assert.NotNull(await Session("r3").TouchAsync(Alice));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
