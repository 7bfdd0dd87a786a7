using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using PandaMcp.Contracts;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Silo.Sessions;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Silo.Grains;

/// <summary>
/// A session of a 2024-11-05 to 2025-11-25 client. Its description is persisted (written at start, on
/// logging/setLevel, at the end, and when the stored last-use time is stale); its SSE event log lives in memory.
/// Reentrant: a tool call awaits PanDA while the session's other requests and stream readers go on; the state
/// is only changed between awaits, and writes are serialized. Placed at random: sessions cost about the same,
/// and a silo that joins gets its share of new sessions at once.
/// </summary>
[Reentrant, Orleans.Placement.RandomPlacement]
public sealed partial class SessionGrain(
    [PersistentState("session")] IPersistentState<SessionState> state,
    IOptions<SessionStoreOptions> options,
    SiloMetrics metrics,
    TimeProvider time,
    ILogger<SessionGrain> logger) : Grain, ISessionGrain, IRemindable
{
    private const string ExpiryReminder = "expiry";
    private readonly SessionStoreOptions _options = options.Value;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private SessionEventLog _log = null!;
    private bool _countedActive;

    private bool Exists => state.State.Identity is not null;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new SessionEventLog(_options.MaxEventsPerSession, _options.MaxEventAge, time);
        CountActive(Exists);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CountActive(false);
        return Task.CompletedTask;
    }

    public async Task<bool> StartAsync(SessionStart start)
    {
        if (Exists)
        {
            return false;
        }
        var now = time.GetUtcNow();
        state.State = new SessionState
        {
            Identity = start.Identity,
            InitializeParamsJson = start.InitializeParamsJson,
            ProtocolVersion = start.ProtocolVersion,
            CreatedAt = now,
            LastUsedAt = now,
        };
        await WriteAsync();
        CountActive(true);
        await GrainFactory.GetGrain<IIdentitySessionsGrain>(start.Identity).AddAsync(this.GetPrimaryKeyString());
        // Ends the session even if no request ever comes back to it; checked once per idle timeout.
        await this.RegisterOrUpdateReminder(ExpiryReminder, _options.IdleTimeout, Max(_options.IdleTimeout, TimeSpan.FromMinutes(1)));
        LogStarted(logger, this.GetPrimaryKeyString());
        return true;
    }

    public async Task<SessionView?> TouchAsync(string identity)
    {
        if (!await IsLiveAsync() || state.State.Identity != identity)
        {
            return null;
        }
        var view = new SessionView(state.State.InitializeParamsJson, state.State.ProtocolVersion, state.State.LogLevel);
        var now = time.GetUtcNow();
        var stored = state.State.LastUsedAt;
        state.State.LastUsedAt = now;
        if (now - stored >= _options.LastUsedWriteInterval)
        {
            await WriteAsync();
        }
        // Ended (DELETE, expiry) while the write was under way: it does not exist any more.
        return Exists ? view : null;
    }

    public Task<bool> ExistsAsync() => IsLiveAsync();

    public async Task<bool> EndAsync(string identity)
    {
        if (!await IsLiveAsync() || state.State.Identity != identity)
        {
            return false;
        }
        await EndNowAsync("deleted");
        return true;
    }

    public async Task SetLogLevelAsync(string level)
    {
        if (Exists && state.State.LogLevel != level)
        {
            state.State.LogLevel = level;
            await WriteAsync();
        }
    }

    public async Task<SessionToolReply> CallToolAsync(SessionToolCall call)
    {
        // A client that resumes the POST's stream while PanDA works waits for the answer instead of an empty stream.
        if (Exists)
        {
            _log.Open(call.StreamId);
        }
        // No cancellation: once sent, PanDA may act on the call, so it runs to its end and its answer is kept.
        var reply = await GrainFactory.GetGrain<IPandaModuleGrain>($"{call.Call.Module}/0").InvokeAsync(call.Call);
        var recorded = Exists
            ? _log.Append(call.StreamId, new SessionEventData(null, ToolResult: new RecordedToolResult(call.RequestIdJson, call.ToolName, reply)))
            : null;
        return new SessionToolReply(reply, recorded?.Sequence ?? 0);
    }

    public Task<SessionEvent> AppendAsync(string streamId, SessionEventData data) =>
        Task.FromResult(Exists ? _log.Append(streamId, data) : new SessionEvent(0, data));

    public Task CompleteStreamAsync(string streamId)
    {
        _log.Complete(streamId);
        return Task.CompletedTask;
    }

    public Task<string?> StreamOfAsync(long sequence) => Task.FromResult(Exists ? _log.StreamOf(sequence) : null);

    public async Task<SessionEventBatch> ReadAsync(string streamId, long afterSequence, TimeSpan wait)
    {
        var timeUp = Task.Delay(wait, time);
        while (Exists)
        {
            var changed = _log.Changed;
            var batch = _log.Read(streamId, afterSequence);
            var notYetStarted = afterSequence == 0 && !_log.Knows(streamId);
            if (batch.Events.Count > 0 || (batch.Ended && !notYetStarted) || timeUp.IsCompleted)
            {
                return batch;
            }
            await Task.WhenAny(changed, timeUp);
        }
        return new SessionEventBatch([], Ended: true);
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!await IsLiveAsync())
        {
            await UnregisterExpiryAsync();
            DeactivateOnIdle();
        }
    }

    /// <summary>Whether the session exists now: one idle past its time is ended here.</summary>
    private async Task<bool> IsLiveAsync()
    {
        if (!Exists)
        {
            return false;
        }
        if (time.GetUtcNow() - state.State.LastUsedAt <= _options.IdleTimeout)
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
        _log.Clear();
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

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Session {SessionId} started")]
    private static partial void LogStarted(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Session {SessionId} ended: {Reason}")]
    private static partial void LogEnded(ILogger logger, string sessionId, string reason);
}
