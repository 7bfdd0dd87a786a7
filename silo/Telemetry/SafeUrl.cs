namespace PandaMcp.Silo.Telemetry;

/// <summary>A URL fit for a log line: scheme, host, port and path, without user info or query (either may hold a secret).</summary>
public static class SafeUrl
{
    public static string Of(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(not a URL)";
}
