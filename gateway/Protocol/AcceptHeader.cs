using Microsoft.Net.Http.Headers;

namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// What an <c>Accept</c> header takes, read as the SDK reads it (so that the gateway and the SDK take and refuse the
/// same requests). A client sends the same header with every request: the last one read is kept, and parsed again
/// only when another comes.
/// </summary>
public sealed record AcceptHeader(string Value, bool Json, bool Events)
{
    private static AcceptHeader _last = Parse("");

    public static AcceptHeader Of(string value)
    {
        var last = _last;
        return string.Equals(last.Value, value, StringComparison.Ordinal) ? last : _last = Parse(value);
    }

    private static AcceptHeader Parse(string value) =>
        MediaTypeHeaderValue.TryParseList([value], out var types)
            ? new(value, types.Any(t => t.MatchesMediaType(McpProtocol.JsonMediaType)), types.Any(t => t.MatchesMediaType(McpProtocol.EventStreamMediaType)))
            : new(value, false, false);
}
