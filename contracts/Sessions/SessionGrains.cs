using System.Security.Cryptography;
using System.Text;

namespace PandaMcp.Contracts.Sessions;

/// <summary>
/// Names a session's grain after a hash of the session's id. The id is what a client presents to use its session;
/// the grain key is what the cluster stores and writes (Redis keys, an identity's list of sessions, Orleans' logs,
/// the log scopes), so that a reader of those learns nothing to present. A plain hash is enough: the ids are 128
/// random bits, so none can be found from its hash.
/// </summary>
public static class SessionGrains
{
    /// <summary>The grain key of session <paramref name="sessionId"/>: 128 bits of its SHA-256, hex; also its name in logs.</summary>
    public static string KeyOf(string sessionId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)).AsSpan(0, 16));

    public static ISessionGrain GetSessionGrain(this IGrainFactory grains, string sessionId) =>
        grains.GetGrain<ISessionGrain>(KeyOf(sessionId));
}
