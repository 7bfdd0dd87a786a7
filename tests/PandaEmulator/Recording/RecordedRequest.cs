namespace PandaEmulator.Recording;

/// <summary>A request as PanDA received it, for tests to assert on (<c>GET /_emulator/requests</c>).</summary>
internal sealed class RecordedRequest
{
    public required long Sequence { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required string Method { get; init; }

    /// <summary><c>module/function</c>, or null when the path is not of that shape.</summary>
    public required string? Route { get; init; }
    public required string Path { get; init; }
    public required string Query { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The parsed arguments as Python values (query strings and lists, the JSON body, form fields), or null when the body did not parse.</summary>
    public required object? Arguments { get; init; }
    public required string? ContentType { get; init; }

    /// <summary>The injected fault ("error" or "close"), if any.</summary>
    public string? Fault { get; set; }

    /// <summary>The HTTP status answered; 0 while the request is in flight or when the connection was dropped.</summary>
    public int Status { get; set; }
}
