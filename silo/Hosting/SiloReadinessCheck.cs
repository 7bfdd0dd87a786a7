using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace PandaMcp.Silo.Hosting;

/// <summary>Ready once this silo has joined the cluster (its membership status is Active), and no longer once it stops.</summary>
public sealed class SiloReadinessCheck(ISiloStatusOracle membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy("joined the cluster")
            : HealthCheckResult.Unhealthy($"not in the cluster: {membership.CurrentStatus}"));
}
