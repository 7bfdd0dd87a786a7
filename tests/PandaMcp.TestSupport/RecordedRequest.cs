using System.Text.Json;

namespace PandaMcp.Testing;

/// <summary>One request as the emulator recorded it (GET /_emulator/requests).</summary>
public sealed record RecordedRequest(
    string Method,
    string Route,
    string Path,
    string? Query,
    Dictionary<string, string> Headers,
    JsonElement Arguments,
    string? ContentType)
{
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
