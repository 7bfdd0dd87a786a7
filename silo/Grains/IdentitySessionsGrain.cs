using Orleans.Storage;
using Microsoft.Extensions.Options;
using PandaMcp.Contracts.Sessions;
using PandaMcp.Silo.Sessions;

namespace PandaMcp.Silo.Grains;

/// <summary>
/// Holds an identity to <see cref="SessionStoreOptions.MaxSessionsPerIdentity"/>. At the limit, sessions that have
/// ended without saying so (expired, lost with a silo) are looked up and dropped before a new one is refused.
/// </summary>
public sealed class IdentitySessionsGrain(
    [PersistentState("identity")] IPersistentState<IdentitySessionsState> state,
    IOptions<SessionStoreOptions> options) : Grain, IIdentitySessionsGrain
{
    public async Task<bool> TryAddAsync(string sessionId)
    {
        var limit = options.Value.MaxSessionsPerIdentity;
        if (state.State.Sessions.Count >= limit)
        {
            await DropEndedSessionsAsync();
        }
        if (state.State.Sessions.Count >= limit)
        {
            return false;
        }
        await UpdateAsync(sessions => sessions.Add(sessionId));
        return true;
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

    private async Task DropEndedSessionsAsync()
    {
        var sessions = state.State.Sessions.ToArray();
        var live = await Task.WhenAll(sessions.Select(key => GrainFactory.GetGrain<ISessionGrain>(key).ExistsAsync()));
        var ended = sessions.Where((_, i) => !live[i]).ToArray();
        if (ended.Length > 0)
        {
            await UpdateAsync(sessions => sessions.RemoveWhere(ended.Contains) > 0);
        }
    }
}
