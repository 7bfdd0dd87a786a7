namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// The sessions of one identity (keyed by its fingerprint), to hold it to its limit of concurrent sessions.
/// A session grain adds itself when it starts and removes itself when it ends.
/// </summary>
[Alias("panda.IIdentitySessionsGrain")]
public interface IIdentitySessionsGrain : IGrainWithStringKey
{
    /// <summary>Adds the session; false when the identity already has as many sessions as it may.</summary>
    [Alias("TryAdd")]
    Task<bool> TryAddAsync(string sessionId);

    /// <summary>One-way: a session that ends while this grain asks it whether it lives must not wait for it.</summary>
    [Alias("Remove"), Orleans.Concurrency.OneWay]
    Task RemoveAsync(string sessionId);
}
