using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PandaMcp.Contracts;

namespace PandaMcp.StdioBridge;

/// <summary>
/// The ID token in the token file, as it is now. The file is looked at on every request and read again when its
/// time or size changed, so a token refreshed by get_panda_token is used without a restart. A missing,
/// unreadable or expired token is not sent: the call goes anonymously, so PanDA's open endpoints still work,
/// and stderr says why, once per change.
/// </summary>
internal sealed partial class IdTokenFile(IOptions<BridgeOptions> options, TimeProvider time, ILogger<IdTokenFile> logger)
{
    private readonly string _path = options.Value.TokenFile;
    private readonly Lock _gate = new();
    private (bool Exists, DateTime WriteTime, long Length)? _stamp;
    private (string? Token, DateTimeOffset? Expiry, string? RefreshToken, string? Problem) _read;
    private IdTokenState? _reported;

    public IdTokenState Current() => Current(reread: false);

    /// <summary>The file as it is now, read again whatever its time and size say (a rename within the same millisecond may keep both).</summary>
    public IdTokenState Reread() => Current(reread: true);

    private IdTokenState Current(bool reread)
    {
        lock (_gate)
        {
            var file = new FileInfo(_path);
            var stamp = (file.Exists, file.Exists ? file.LastWriteTimeUtc : default, file.Exists ? file.Length : 0);
            if (reread || stamp != _stamp)
            {
                _stamp = stamp;
                _read = file.Exists ? Read() : (null, null, null, $"{_path} does not exist");
            }
            var state = _read switch
            {
                { Problem: { } problem } => new IdTokenState(null, problem, null, _read.RefreshToken),
                { Expiry: { } expiry } when expiry <= time.GetUtcNow() =>
                    new IdTokenState(null, $"the ID token in {_path} expired at {expiry:u}", expiry, _read.RefreshToken),
                _ => new IdTokenState(_read.Token, null, _read.Expiry, _read.RefreshToken),
            };
            Report(state);
            return state;
        }
    }

    private (string? Token, DateTimeOffset? Expiry, string? RefreshToken, string? Problem) Read()
    {
        string text;
        try
        {
            text = File.ReadAllText(_path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null, null, $"{_path} cannot be read ({e.Message})");
        }
        var (token, refreshToken) = text.StartsWith('{') ? FromJson(text) : (text, null);
        return token switch
        {
            null => (null, null, refreshToken, $"{_path} holds neither an ID token nor JSON with an id_token"),
            "" => (null, null, refreshToken, $"{_path} is empty"),
            _ => (token, JwtExpiry.Read(token), refreshToken, null),
        };
    }

    /// <summary>get_panda_token and the bridge's login store the whole token response: <c>{"id_token": ..., "refresh_token": ..., ...}</c>.</summary>
    private static (string? IdToken, string? RefreshToken) FromJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return (Text(document.RootElement, "id_token"), Text(document.RootElement, "refresh_token"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement response, string name) =>
        response.ValueKind == JsonValueKind.Object && response.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Trim()
            : null;

    private void Report(IdTokenState state)
    {
        if (state == _reported)
        {
            return;
        }
        _reported = state;
        if (state.Problem is { } problem)
        {
            LogNoToken(problem);
        }
        else
        {
            LogUsingToken(_path, _read.Expiry?.ToString("u") ?? "unknown");
        }
    }

    [LoggerMessage(EventId = LogEvents.BridgeNoToken, Level = LogLevel.Warning,
        Message = "No usable PanDA ID token: {Problem}. Calls go to PanDA without a token, so only its open endpoints work, until the file holds a valid one (panda-mcp-bridge login, or PanDA's get_panda_token, writes it).")]
    private partial void LogNoToken(string problem);

    [LoggerMessage(EventId = LogEvents.BridgeUsingToken, Level = LogLevel.Information, Message = "Using the ID token from {Path} (expires {Expiry}).")]
    private partial void LogUsingToken(string path, string expiry);
}
