using PandaMcp.Contracts;

namespace PandaMcp.Benchmark;

/// <summary>What the raw MCP callers share: the caller's headers on a request, and the check of an answer.</summary>
public static class RawMcpMessages
{
    public static void AddCredentials(HttpRequestMessage request, PandaCredentials credentials)
    {
        if (credentials.Authorization is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        if (credentials.Origin is { } origin)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
    }

    /// <summary>
    /// Null when a 2xx answer (JSON, or SSE events) holds a successful tool result, else why not. A text search,
    /// not a parse: the load generator's CPU is part of what the machine shares.
    /// </summary>
    public static string? FailureOf(string answer) =>
        answer.Contains("\"result\"", StringComparison.Ordinal) && !answer.Contains("\"isError\":true", StringComparison.Ordinal)
            ? null
            : $"not a successful result: {answer[..Math.Min(answer.Length, 300)]}";
}
