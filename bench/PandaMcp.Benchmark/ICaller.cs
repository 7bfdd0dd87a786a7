namespace PandaMcp.Benchmark;

/// <summary>One worker's connection to a target: it makes one call at a time.</summary>
public interface ICaller : IAsyncDisposable
{
    /// <summary>What the calls travel over: the HTTP version, or the MCP revision the client negotiated.</summary>
    string Protocol { get; }

    /// <summary>Makes one call; null when it succeeded, else why it failed.</summary>
    Task<string?> CallAsync();
}
