namespace PandaMcp.Clients;

/// <summary>Messages as one line for a person: a client's errors go to stderr one per line, without stack traces.</summary>
internal static class OneLine
{
    /// <summary>An exception's message and its causes', without types or stack traces.</summary>
    public static string Of(Exception exception)
    {
        var parts = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var message = Of(current.Message);
            // HttpClient's "see inner exception" wrappers say nothing the cause does not say better.
            if (message.Length > 0 && !parts.Any(p => p.Contains(message, StringComparison.Ordinal)) && !message.Contains("see inner exception", StringComparison.OrdinalIgnoreCase))
            {
                parts.Add(message);
            }
        }
        return parts.Count > 0 ? string.Join(": ", parts) : exception.GetType().Name;
    }

    /// <summary>The text with its line breaks and runs of white space as single spaces.</summary>
    public static string Of(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
