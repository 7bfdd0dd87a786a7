using System.Text.Json;

namespace PandaMcp.Contracts;

/// <summary>Whether PanDA's reply is a success, by the rules the tool results are made by (gateway/Tools/ToolResults).</summary>
public static class PandaAnswers
{
    /// <param name="envelope">Whether the endpoint answers in PanDA's <c>{success, message, data}</c> envelope; if not, text.</param>
    public static bool Succeeded(PandaReply reply, bool envelope)
    {
        if (reply.Failure != PandaFailure.None || reply.Status is < 200 or > 299)
        {
            return false;
        }
        try
        {
            using var body = JsonDocument.Parse(reply.Body);
            var root = body.RootElement;
            return envelope
                ? root.ValueKind == JsonValueKind.Object && root.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.True
                : !(root.ValueKind == JsonValueKind.String ? root.GetString()! : reply.Body).StartsWith("ERROR", StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return !envelope && !reply.Body.StartsWith("ERROR", StringComparison.Ordinal);
        }
    }
}
