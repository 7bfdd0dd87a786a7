using Orleans.Storage;
using Microsoft.Extensions.Options;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Silo.Sessions;

namespace PandaMcp.Silo.Grains;

/// <summary>
/// Holds an identity to <see cref="SessionStoreOptions.MaxSessionsPerIdentity"/>. Reservations (in memory, for
/// the few seconds between a gateway's check and the session's start) keep concurrent initializes within the
/// limit. At the limit, sessions that have ended without saying so (expired, lost) are looked up and dropped.
/// </summary>
public sealed class IdentitySessionsGrain(
    [PersistentState("identity")] IPersistentState<IdentitySessionsState> state,
    IOptions<SessionStoreOptions> options,
    TimeProvider time) : Grain, IIdentitySessionsGrain
{
    private static readonly TimeSpan ReservationLifetime = TimeSpan.FromSeconds(30);
    private readonly Queue<DateTimeOffset> _reservations = new();

    public async Task<bool> TryReserveAsync()
    {
        var limit = options.Value.MaxSessionsPerIdentity;
        DropStaleReservations();
        if (state.State.Sessions.Count + _reservations.Count >= limit)
        {
            await DropEndedSessionsAsync();
        }
        if (state.State.Sessions.Count + _reservations.Count >= limit)
        {
            return false;
        }
        _reservations.Enqueue(time.GetUtcNow());
        return true;
    }

    public async Task AddAsync(string sessionId)
    {
        _reservations.TryDequeue(out _);
        await UpdateAsync(sessions => sessions.Add(sessionId));
    }

    public Task RemoveAsync(string sessionId) => UpdateAsync(sessions => sessions.Remove(sessionId));

    /// <summary>
    /// Changes the set and stores it. Should the stored copy have moved on (an activation elsewhere wrote it
    /// while a silo was being declared dead), the change is made again on a fresh read, once.
    /// </summary>
    private async Task UpdateAsync(Func<HashSet<string>, bool> change)
    {
        if (!change(state.State.Sessions))
        {
            return;
        }
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            await state.ReadStateAsync();
            change(state.State.Sessions);
            await state.WriteStateAsync();
        }
    }

    private void DropStaleReservations()
    {
        var stale = time.GetUtcNow() - ReservationLifetime;
        while (_reservations.TryPeek(out var at) && at < stale)
        {
            _reservations.Dequeue();
        }
    }

    private async Task DropEndedSessionsAsync()
    {
        var sessions = state.State.Sessions.ToArray();
        var live = await Task.WhenAll(sessions.Select(id => GrainFactory.GetGrain<ISessionGrain>(id).ExistsAsync()));
        var ended = sessions.Where((_, i) => !live[i]).ToArray();
        if (ended.Length > 0)
        {
            await UpdateAsync(sessions => sessions.RemoveWhere(ended.Contains) > 0);
        }
    }
}
