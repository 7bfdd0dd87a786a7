using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Silo.Cluster;
using PandaMcp.Silo.Sessions;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Silo.Grains;

/// <summary>
/// A session of a 2024-11-05 to 2025-11-25 client. Its description is persisted (written at start, on
/// logging/setLevel, at the end, and when the stored last-use time is stale); its streams live in memory.
/// Reentrant: a tool call awaits PanDA while the session's other requests and stream readers go on; the state
/// is only changed between awaits, and writes are serialized. Placed at random: sessions cost about the same,
/// and a silo that joins gets its share of new sessions at once.
/// </summary>
[Reentrant, Orleans.Placement.RandomPlacement]
public sealed partial class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionState> state,
    IOptions<SessionStoreOptions> options,
    KeptAnswers answers,
    GrainCallRetries retries,
    SiloMetrics metrics,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain, IRemindable
{
    private const string ExpiryReminder = "expiry";
    private readonly SessionStoreOptions _options = options.Value;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private SessionEventLog? _events;
    private bool _countedActive;

    /// <summary>Streams being read now: while there are any, the session is in use and does not expire.</summary>
    private int _readers;

    /// <summary>The newest stream opened by <see cref="ListenAsync"/>: where the server's own messages go.</summary>
    private long _listening;

    private bool Exists => state.State.Identity is not null;

    /// <summary>Made at the first stream: most sessions are idle most of the time, and there may be 100,000 of them.</summary>
    private SessionEventLog Events => _events ??= new SessionEventLog(_options.MaxEventsPerSession, _options.MaxEventAge, time, answers);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        CountActive(Exists);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CountActive(false);
        return Task.CompletedTask;
    }

    public async Task<SessionStartOutcome> StartAsync(SessionStart start)
    {
        if (Exists)
        {
            return SessionStartOutcome.Exists;
        }
        if (!await GrainFactory.GetGrain<IIdentitySessionsGrain>(start.Owner.Identity).TryAddAsync(this.GetPrimaryKeyString()))
        {
            return SessionStartOutcome.LimitReached;
        }
        var now = time.GetUtcNow();
        state.State = new SessionState
        {
            Identity = start.Owner.Identity,
            Transport = start.Owner.Transport,
            InitializeParamsJson = start.InitializeParamsJson,
            ProtocolVersion = start.ProtocolVersion,
            CreatedAt = now,
            LastUsedAt = now,
        };
        await WriteAsync();
        CountActive(true);
        // Ends the session even if no request ever comes back to it; checked once per idle timeout.
        await this.RegisterOrUpdateReminder(ExpiryReminder, _options.IdleTimeout, Max(_options.IdleTimeout, TimeSpan.FromMinutes(1)));
        LogStarted(logger, this.GetPrimaryKeyString());
        return SessionStartOutcome.Started;
    }

    public Task<bool> TouchAsync(SessionCaller caller) => AdmitAsync(caller);

    public Task<bool> ExistsAsync() => IsLiveAsync();

    public async Task<bool> EndAsync(SessionCaller caller)
    {
        if (!await IsLiveAsync() || !IsOwner(caller))
        {
            return false;
        }
        await EndNowAsync("ended by its client");
        return true;
    }

    public async Task<bool> SetLogLevelAsync(SessionCaller caller, string level)
    {
        if (!await AdmitAsync(caller))
        {
            return false;
        }
        if (state.State.LogLevel != level)
        {
            state.State.LogLevel = level;
            await WriteAsync();
        }
        return Exists;
    }

    public async Task<SessionCallOutcome> CallToolAsync(SessionCaller caller, SessionToolCall call)
    {
        if (!await AdmitAsync(caller))
        {
            return SessionCallOutcome.NotFound;
        }
        // Any shard: a stateless worker runs on this silo whatever its key. A public read's grain may be on a silo
        // that leaves or dies: made again as the gateway's calls are. No cancellation: once sent, PanDA may act on
        // the call, so it runs to its end and its answer is kept.
        var started = time.GetTimestamp();
        var reply = retries.RetryToolCallAsync(call.Call, (GrainFactory, call.Call),
            static s => s.GrainFactory.SendPandaCallAsync(s.Call, shard: 0), CancellationToken.None);
        if (caller.Transport == SessionTransport.LegacySse)
        {
            // The 2024-11-05 transport answers on the session's one stream, never on the POST.
            _ = RecordAsync(stream: null, reply, call, started);
            return new SessionCallOutcome(SessionCallStatus.Streaming);
        }
        try
        {
            return new SessionCallOutcome(SessionCallStatus.Answered, await reply.WaitAsync(_options.AnswerWithin, time));
        }
        catch (TimeoutException) when (!reply.IsCompleted)
        {
            var start = Events.Open();
            _ = RecordAsync(start.Sequence, reply, call, started);
            return new SessionCallOutcome(SessionCallStatus.Streaming, StreamStart: start.Sequence);
        }
    }

    public async Task<bool> PostAsync(SessionCaller caller, string messageJson)
    {
        if (!await AdmitAsync(caller))
        {
            return false;
        }
        Events.Append(_listening, new SessionEventData(messageJson));
        return true;
    }

    public async IAsyncEnumerable<SessionStreamItem> ListenAsync(SessionCaller caller, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!await AdmitAsync(caller))
        {
            yield return SessionStreamItem.NotFound;
            yield break;
        }
        var start = Events.Open();
        _listening = start.Sequence;
        yield return new SessionStreamItem(SessionStreamStatus.Opened, start);
        await foreach (var item in FollowAsync(start.Sequence, start.Sequence, endsWithSilo: true, cancellationToken))
        {
            yield return item;
        }
    }

    public async IAsyncEnumerable<SessionStreamItem> ResumeAsync(SessionCaller caller, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!await AdmitAsync(caller))
        {
            yield return SessionStreamItem.NotFound;
            yield break;
        }
        if (Events.StreamOf(afterSequence) is not { } stream)
        {
            yield return SessionStreamItem.UnknownEvent;
            yield break;
        }
        yield return new SessionStreamItem(SessionStreamStatus.Opened);
        await foreach (var item in FollowAsync(stream, afterSequence, endsWithSilo: stream == _listening, cancellationToken))
        {
            yield return item;
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!await IsLiveAsync())
        {
            await UnregisterExpiryAsync();
            DeactivateOnIdle();
        }
    }

    /// <summary>
    /// The stream's events after <paramref name="after"/>, each as it comes, until the stream or the session ends, or
    /// the reader goes. A listening stream (<paramref name="endsWithSilo"/>) never ends on its own: it ends when this
    /// silo starts to stop, since Orleans waits for a grain's running requests before it moves the grain, and the
    /// wait for a stream's next event is one; the client opens the stream again, and reaches the session elsewhere.
    /// </summary>
    private async IAsyncEnumerable<SessionStreamItem> FollowAsync(
        long stream, long after, bool endsWithSilo, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var siloStops = endsWithSilo ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping) : null;
        var until = siloStops?.Token ?? cancellationToken;
        _readers++;
        try
        {
            while (Exists)
            {
                // Taken before the read, so that an event added while the reader takes these is not missed.
                var changed = Events.Changed;
                var (events, ended) = Events.Read(stream, after);
                foreach (var added in events)
                {
                    after = added.Sequence;
                    yield return new SessionStreamItem(SessionStreamStatus.Event, added);
                }
                if (ended)
                {
                    yield break;
                }
                if (!await ArrivesAsync(changed, until))
                {
                    yield break;
                }
            }
        }
        finally
        {
            // The idle time starts when the last reader leaves.
            if (--_readers == 0 && Exists)
            {
                state.State.LastUsedAt = time.GetUtcNow();
            }
        }
    }

    /// <summary>Whether <paramref name="changed"/> completes before <paramref name="until"/> is cancelled.</summary>
    private static async Task<bool> ArrivesAsync(Task changed, CancellationToken until)
    {
        try
        {
            await changed.WaitAsync(until);
            return true;
        }
        catch (OperationCanceledException) when (until.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits for a call that outlived its answer time, telling the client it is alive if it gave a progress token,
    /// and records PanDA's answer as the last event of the call's stream (or on a legacy session's one stream).
    /// </summary>
    private async Task RecordAsync(long? stream, Task<PandaReply> reply, SessionToolCall call, long started)
    {
        // Reports fall every ProgressInterval from the call's start, as a sessionless call's do; one that fell due
        // before the stream opened is made at once. The next one is counted on from the last, not from the clock:
        // a timer may fire a little before its time, and the same report must not be made again.
        var interval = _options.ProgressInterval;
        var reports = 0;
        var next = interval;
        while (call.ProgressTokenJson is { } token)
        {
            var wait = next - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero && await Task.WhenAny(reply, Task.Delay(wait, time)) == reply || reply.IsCompleted)
            {
                break;
            }
            var waited = time.GetElapsedTime(started);
            var message = WaitingForPanda.Notification(token, ++reports, waited);
            Events.Append(stream ?? _listening, new SessionEventData(Encoding.UTF8.GetString(message)));
            do
            {
                next += interval;
            }
            while (next <= waited);
        }
        PandaReply answer;
        try
        {
            answer = await reply;
        }
        catch (Exception e)
        {
            // The type only: an exception's message may quote what it was handling.
            LogCallFailed(logger, call.ToolName, e.GetType().Name);
            answer = PandaReply.Failed(PandaFailure.Cluster, $"the cluster could not complete it ({e.GetType().Name})");
        }
        var recorded = new SessionEventData(null, new RecordedToolResult(call.RequestIdJson, call.ToolName, answer));
        if (stream is { } own)
        {
            Events.Append(own, recorded, ends: true);
        }
        else
        {
            Events.Append(_listening, recorded);
        }
    }

    /// <summary>Whether the caller may use the session now; if so, marks it used (written when the stored time is stale).</summary>
    private async Task<bool> AdmitAsync(SessionCaller caller)
    {
        if (!await IsLiveAsync() || !IsOwner(caller))
        {
            return false;
        }
        var now = time.GetUtcNow();
        var stored = state.State.LastUsedAt;
        state.State.LastUsedAt = now;
        if (now - stored >= _options.LastUsedWriteInterval)
        {
            await WriteAsync();
        }
        // Ended (DELETE, expiry) while the write was under way: it does not exist any more.
        return Exists;
    }

    private bool IsOwner(SessionCaller caller) =>
        state.State.Identity == caller.Identity && state.State.Transport == caller.Transport;

    /// <summary>Whether the session exists now: one idle past its time, with no stream being read, is ended here.</summary>
    private async Task<bool> IsLiveAsync()
    {
        if (!Exists)
        {
            return false;
        }
        if (_readers > 0 || time.GetUtcNow() - state.State.LastUsedAt <= _options.IdleTimeout)
        {
            return true;
        }
        await EndNowAsync("expired");
        return false;
    }

    private async Task EndNowAsync(string reason)
    {
        var identity = state.State.Identity!;
        state.State = new SessionState();
        _events?.Clear();
        CountActive(false);
        await _writes.WaitAsync();
        try
        {
            await state.ClearStateAsync();
        }
        finally
        {
            _writes.Release();
        }
        await GrainFactory.GetGrain<IIdentitySessionsGrain>(identity).RemoveAsync(this.GetPrimaryKeyString());
        await UnregisterExpiryAsync();
        LogEnded(logger, this.GetPrimaryKeyString(), reason);
    }

    private async Task UnregisterExpiryAsync()
    {
        if (await this.GetReminder(ExpiryReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task WriteAsync()
    {
        await _writes.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Keeps the active-sessions gauge right whichever way a session arrives in or leaves this activation.</summary>
    private void CountActive(bool active)
    {
        if (active == _countedActive)
        {
            return;
        }
        _countedActive = active;
        if (active)
        {
            metrics.SessionActivated();
        }
        else
        {
            metrics.SessionReleased();
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    [LoggerMessage(EventId = LogEvents.SessionStarted, Level = LogLevel.Debug, Message = "Session {Session} started")]
    private static partial void LogStarted(ILogger logger, string session);

    [LoggerMessage(EventId = LogEvents.SessionEnded, Level = LogLevel.Debug, Message = "Session {Session} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string session, string reason);

    [LoggerMessage(EventId = LogEvents.SessionCallFailed, Level = LogLevel.Warning, Message = "A session's call of {Tool} failed in the cluster: {ExceptionType}")]
    private static partial void LogCallFailed(ILogger logger, string tool, string exceptionType);
}
