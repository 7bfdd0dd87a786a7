using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Gateway.Sessions;

/// <summary>How a gateway serves sessions whose state lives in the cluster (section <c>PandaMcp:Sessions</c>).</summary>
public sealed class SessionTransportOptions
{
    public const string SectionName = "PandaMcp:Sessions";

    /// <summary>The <c>retry:</c> hint of each stream's priming event: how soon a client reconnects after a drop.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>While a tool call waits for PanDA, a client that gave a progress token hears from it this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long this gateway keeps its working copy of a session it served (the SDK's server object). The
    /// session itself lives in the cluster; an evicted copy is rebuilt from it at the next request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LocalCopyIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one read of a stream waits in the session grain for new events (below the grain call timeout).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StreamPollWait { get; set; } = TimeSpan.FromSeconds(15);
}
