using System.Globalization;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// SSE event ids of sessions: <c>&lt;session id&gt;:&lt;sequence&gt;</c>, the sequence of the event in its session
/// grain, which knows the event's stream. Session ids are base64url or hex, so hold no colon.
/// </summary>
public static class SessionEventIds
{
    public static string Format(string sessionId, long sequence) =>
        $"{sessionId}:{sequence.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string eventId, out string sessionId, out long sequence)
    {
        var colon = eventId.LastIndexOf(':');
        sessionId = colon > 0 ? eventId[..colon] : "";
        sequence = 0;
        return colon > 0
            && long.TryParse(eventId.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && sequence > 0;
    }
}
