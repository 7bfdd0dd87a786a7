using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Gateway.Protocol;

/// <summary>
/// How the gateway's SSE streams behave (section <c>PandaMcp:Sessions</c>, which the silos read too: they keep the
/// sessions' streams and report a session call's progress themselves).
/// </summary>
public sealed class StreamOptions
{
    public const string SectionName = "PandaMcp:Sessions";

    /// <summary>The <c>retry:</c> hint of each stream's first event: how soon a client reconnects after a drop.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>While a sessionless tool call waits for PanDA, a client that gave a progress token hears from it this often.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);
}
