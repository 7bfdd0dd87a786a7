using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PandaMcp.Gateway.Sessions;

/// <summary>
/// SSE event ids of sessions. An event the grain keeps: <c>&lt;session id&gt;:&lt;sequence&gt;</c>. The start of
/// a POST's stream (its priming event): <c>&lt;session id&gt;:s&lt;stream id, base64url&gt;</c>, made without asking
/// the grain, so that a tool call costs no round trip for it. Session ids are base64url, so hold no colon.
/// </summary>
public static class SessionEventIds
{
    private const char StreamStartMark = 's';

    public static string Format(string sessionId, long sequence) =>
        $"{sessionId}:{sequence.ToString(CultureInfo.InvariantCulture)}";

    public static string FormatStreamStart(string sessionId, string streamId) =>
        $"{sessionId}:{StreamStartMark}{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(streamId))}";

    /// <summary>
    /// Reads an event id: either a kept event (<paramref name="sequence"/> above zero, <paramref name="streamId"/>
    /// null) or the start of a stream (<paramref name="streamId"/> set, <paramref name="sequence"/> zero).
    /// </summary>
    public static bool TryParse(string eventId, out string sessionId, out string? streamId, out long sequence)
    {
        var colon = eventId.LastIndexOf(':');
        sessionId = colon > 0 ? eventId[..colon] : "";
        streamId = null;
        sequence = 0;
        if (colon <= 0)
        {
            return false;
        }
        var position = eventId.AsSpan(colon + 1);
        if (position.Length > 0 && position[0] == StreamStartMark)
        {
            return TryDecode(position[1..], out streamId);
        }
        return long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out sequence) && sequence > 0;
    }

    private static bool TryDecode(ReadOnlySpan<char> encoded, out string? streamId)
    {
        streamId = null;
        if (!Base64Url.IsValid(encoded, out var length))
        {
            return false;
        }
        var bytes = new byte[length];
        if (!Base64Url.TryDecodeFromChars(encoded, bytes, out var written))
        {
            return false;
        }
        try
        {
            streamId = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
