using System.Net;
using System.Text.Json;

namespace PandaEmulator.Tests;

/// <summary>An HTTP answer from the emulator: status, content type and body text.</summary>
public sealed record PandaAnswer(HttpStatusCode Status, string? ContentType, string Body)
{
    /// <summary>The body parsed as JSON (for answers to requests that asked for JSON).</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public bool Success => Json.GetProperty("success").GetBoolean();

    public string? Message => Json.GetProperty("message").GetString();

    public JsonElement Data => Json.GetProperty("data");
}
