using Orleans.Concurrency;

namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// The sessions of one identity (keyed by its fingerprint), to hold it to its limit of concurrent sessions.
/// A gateway reserves a place before it lets an initialize through; the session takes it once it exists.
/// </summary>
[Alias("panda.IIdentitySessionsGrain")]
public interface IIdentitySessionsGrain : IGrainWithStringKey
{
    /// <summary>False when the identity already has as many sessions (and reservations) as it may.</summary>
    [Alias("TryReserve")]
    Task<bool> TryReserveAsync();

    [Alias("Add")]
    Task AddAsync(string sessionId);

    /// <summary>One-way: a session that ends while this grain asks it whether it lives must not wait for it.</summary>
    [Alias("Remove"), OneWay]
    Task RemoveAsync(string sessionId);
}
