using System.Buffers.Text;
using System.Text.Json;

namespace PandaMcp.StdioBridge;

/// <summary>
/// The <c>exp</c> claim of a JWT, read without checking its signature: the bridge only wants to warn before PanDA
/// refuses a stale token. PanDA verifies the token itself.
/// </summary>
internal static class JwtExpiry
{
    /// <returns>When the token expires, or null when it is not a JWT or carries no <c>exp</c>.</returns>
    public static DateTimeOffset? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || !Base64Url.IsValid(parts[1]))
        {
            return null;
        }
        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return payload.RootElement.ValueKind == JsonValueKind.Object
                && payload.RootElement.TryGetProperty("exp", out var exp)
                && exp.ValueKind == JsonValueKind.Number
                && exp.TryGetDouble(out var seconds)
                && seconds is > 0 and < 253402300800
                    ? DateTimeOffset.FromUnixTimeSeconds((long)seconds)
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
