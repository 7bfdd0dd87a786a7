using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PandaEmulator.Auth;

/// <summary>
/// The OAuth 2.0 grants of the emulator's identity provider, as PanDA's clients use them: the device authorization
/// flow (RFC 8628; a request is approved when its verification URL is opened, as a user's browser would) and refresh
/// tokens, rotated at each use and revocable. It counts the tokens it grants, for tests to check.
/// </summary>
public sealed class TokenGrants(TimeProvider time)
{
    /// <summary>Seconds a client waits between two polls of one device code; RFC 8628's default.</summary>
    public const int PollInterval = 5;

    /// <summary>How long a device code may wait for its user.</summary>
    public static readonly TimeSpan DeviceCodeLifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, DeviceAuthorization> _devices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _deviceByUserCode = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private int _deviceGrants;
    private int _refreshes;
    private int _refusedRefreshes;

    public int DeviceGrants => Volatile.Read(ref _deviceGrants);

    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>Refresh tokens presented that were unknown, used already or revoked.</summary>
    public int RefusedRefreshes => Volatile.Read(ref _refusedRefreshes);

    /// <param name="intervalSeconds">How long the client is told to wait between polls.</param>
    /// <param name="approveAfter">When set, the request approves itself (as <c>alice</c>) this long after it was made, as a user would.</param>
    public DeviceAuthorization StartDevice(int intervalSeconds, TimeSpan? approveAfter)
    {
        var now = time.GetUtcNow();
        var device = new DeviceAuthorization(Random(32), UserCode(), now + DeviceCodeLifetime, intervalSeconds)
        {
            ApprovesAt = now + approveAfter,
        };
        _devices[device.DeviceCode] = device;
        _deviceByUserCode[device.UserCode] = device.DeviceCode;
        return device;
    }

    /// <summary>The user's browser opened the verification URL: approves as <paramref name="user"/>, or denies.</summary>
    public bool Decide(string userCode, string user, bool deny)
    {
        if (!_deviceByUserCode.TryGetValue(userCode, out var deviceCode) || !_devices.TryGetValue(deviceCode, out var device))
        {
            return false;
        }
        lock (device)
        {
            device.User = deny ? null : user;
            device.Denied = deny;
        }
        return true;
    }

    /// <summary>A poll of a device code: the user it was approved for, or the OAuth error to answer (RFC 8628 3.5).</summary>
    public (string? User, string? Error) Poll(string deviceCode)
    {
        if (!_devices.TryGetValue(deviceCode, out var device))
        {
            return (null, "invalid_grant");
        }
        var now = time.GetUtcNow();
        lock (device)
        {
            if (now >= device.Expires)
            {
                return (null, "expired_token");
            }
            var early = device.LastPoll is { } last && now - last < TimeSpan.FromSeconds(device.IntervalSeconds);
            device.LastPoll = now;
            if (device.Denied)
            {
                return (null, "access_denied");
            }
            if (device.User is null && device.ApprovesAt <= now)
            {
                device.User = Seed.Alice;
            }
            if (device.User is not { } user)
            {
                return (null, early ? "slow_down" : "authorization_pending");
            }
            _devices.TryRemove(deviceCode, out _);
            _deviceByUserCode.TryRemove(device.UserCode, out _);
            Interlocked.Increment(ref _deviceGrants);
            return (user, null);
        }
    }

    /// <summary>A new refresh token for <paramref name="user"/>.</summary>
    public string IssueRefreshToken(string user)
    {
        var token = Random(32);
        _refreshTokens[token] = new RefreshGrant(user);
        return token;
    }

    /// <summary>Uses a refresh token: its user, with the token retired (the caller issues the next one); null when unknown, used or revoked.</summary>
    public string? Redeem(string refreshToken)
    {
        if (!_refreshTokens.TryRemove(refreshToken, out var grant))
        {
            Interlocked.Increment(ref _refusedRefreshes);
            return null;
        }
        Interlocked.Increment(ref _refreshes);
        return grant.User;
    }

    /// <summary>Revokes every refresh token: the next refresh of any client fails with invalid_grant.</summary>
    public void RevokeAll() => _refreshTokens.Clear();

    private static string Random(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static string UserCode() => $"{RandomNumberGenerator.GetString("BCDFGHJKLMNPQRSTVWXZ", 4)}-{RandomNumberGenerator.GetString("BCDFGHJKLMNPQRSTVWXZ", 4)}";

    public sealed class DeviceAuthorization(string deviceCode, string userCode, DateTimeOffset expires, int intervalSeconds)
    {
        public string DeviceCode { get; } = deviceCode;

        public string UserCode { get; } = userCode;

        public DateTimeOffset Expires { get; } = expires;

        public int IntervalSeconds { get; } = intervalSeconds;

        public string? User { get; set; }

        public bool Denied { get; set; }

        public DateTimeOffset? LastPoll { get; set; }

        public DateTimeOffset? ApprovesAt { get; init; }
    }

    private sealed record RefreshGrant(string User);
}
