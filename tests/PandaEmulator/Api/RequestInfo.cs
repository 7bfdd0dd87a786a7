namespace PandaEmulator.Api;

/// <summary>What a handler may read of the HTTP request itself (PanDA reads a few environ entries).</summary>
internal sealed record RequestInfo(
    string Method,
    string Path,
    string QueryString,
    string Scheme,
    string Host,
    string RemoteHost,
    IReadOnlyList<KeyValuePair<string, string>> Headers);
