using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PandaMcp.Contracts;

namespace PandaMcp.StdioBridge;

/// <summary>
/// Keeps the token file's ID token fresh, as PanDA's panda_mcp_proxy.py does: when it expires within
/// <see cref="BridgeOptions.RefreshMargin"/> and the file holds a refresh token, a new token response is obtained
/// before the request goes on, written back to the file (<see cref="TokenResponseFile"/>), and used. Concurrent
/// requests wait for one refresh, and other processes sharing the file for theirs (<see cref="TokenFileLock"/>). A
/// refresh that fails leaves the file as it was, says why once, and the request goes on with what the file holds.
/// </summary>
internal sealed partial class TokenRefresher(
    IdTokenFile tokenFile, PandaAuthClient auth, IOptions<BridgeOptions> options, TimeProvider time, ILogger<TokenRefresher> logger)
{
    /// <summary>After a refresh failed for want of an answer (not a refusal), how long before it is tried again.</summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private (string RefreshToken, DateTimeOffset RetryAt)? _failed;
    private string? _reportedFailure;

    public async Task<IdTokenState> CurrentAsync(CancellationToken cancellationToken)
    {
        var state = tokenFile.Current();
        if (!NeedsRefresh(state))
        {
            return state;
        }
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RefreshAsync(state);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException)
        {
            // The lock or the file could not be had, or the answer not read: the request goes on with what the file holds.
            ReportFailure($"{e.GetType().Name}: {e.Message.TrimEnd('.')}");
            _failed = (state.RefreshToken!, time.GetUtcNow() + RetryAfterFailure);
            return state;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>
    /// Not cancelled with the request that started it: once the provider has rotated the refresh token, the new one
    /// must reach the file, or every later refresh would be refused.
    /// </summary>
    private async Task<IdTokenState> RefreshAsync(IdTokenState state)
    {
        using var shared = await TokenFileLock.AcquireAsync(options.Value.TokenFile, CancellationToken.None);
        // Another request of this bridge, or another process, may have refreshed it meanwhile.
        state = tokenFile.Reread();
        if (!NeedsRefresh(state))
        {
            return state;
        }
        TokenAnswer answer;
        try
        {
            answer = await auth.RefreshAsync(state.RefreshToken!, CancellationToken.None);
        }
        catch (LoginException e)
        {
            answer = new TokenAnswer(null, e.Message.TrimEnd('.'));
        }
        if (answer.Error is { } error)
        {
            // A refused refresh token (used, revoked, expired) never works again; no answer may next time.
            _failed = (state.RefreshToken!, error == "invalid_grant" ? DateTimeOffset.MaxValue : time.GetUtcNow() + RetryAfterFailure);
            ReportFailure(error);
            return state;
        }
        await TokenResponseFile.WriteAsync(options.Value.TokenFile, KeepingRefreshToken(answer.ResponseJson!, state.RefreshToken!), CancellationToken.None);
        _reportedFailure = null;
        var refreshed = tokenFile.Reread();
        LogRefreshed(logger, options.Value.TokenFile, refreshed.Expiry?.ToString("u") ?? "unknown");
        return refreshed;
    }

    /// <summary>A provider need not send a new refresh token (RFC 6749 6): then the one used is still the one to keep.</summary>
    private static string KeepingRefreshToken(string responseJson, string used)
    {
        var response = JsonNode.Parse(responseJson)!.AsObject();
        if (response["refresh_token"] is not null)
        {
            return responseJson;
        }
        response["refresh_token"] = used;
        return response.ToJsonString();
    }

    private bool NeedsRefresh(IdTokenState state) =>
        state.RefreshToken is { } refreshToken
        // A token that does not say when it expires is not refreshed: there would be no telling when to stop.
        && state.Expiry is { } expiry && expiry - time.GetUtcNow() <= options.Value.RefreshMargin
        && !(_failed is { } failed && failed.RefreshToken == refreshToken && time.GetUtcNow() < failed.RetryAt);

    private void ReportFailure(string error)
    {
        if (error == _reportedFailure)
        {
            return;
        }
        _reportedFailure = error;
        LogRefreshFailed(logger, error == "invalid_grant" ? "the refresh token was refused (used, revoked or expired)" : error);
    }

    [LoggerMessage(EventId = LogEvents.BridgeTokenRefreshed, Level = LogLevel.Information, Message = "Refreshed the ID token in {Path} (expires {Expiry}).")]
    private static partial void LogRefreshed(ILogger logger, string path, string expiry);

    [LoggerMessage(EventId = LogEvents.BridgeRefreshFailed, Level = LogLevel.Warning,
        Message = "The ID token could not be refreshed: {Reason}. The token file is left as it is; run panda-mcp-bridge login to log in again.")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
