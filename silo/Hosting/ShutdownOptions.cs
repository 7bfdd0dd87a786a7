using System.ComponentModel.DataAnnotations;

namespace PandaMcp.Silo.Hosting;

/// <summary>
/// How a silo or a gateway stops: first it reports not ready and keeps serving for <see cref="DrainDelay"/>, so
/// that load balancers and Kubernetes endpoints stop sending it new work; then it has <see cref="Timeout"/> to
/// finish what is running. A pod's <c>terminationGracePeriodSeconds</c> must exceed the two together.
/// </summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "PandaMcp:Shutdown";

    /// <summary>How long to keep serving, not ready, after the stop signal. Zero outside an orchestrator.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How long the host waits for its services (requests in flight, the silo leaving the cluster) to stop.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
