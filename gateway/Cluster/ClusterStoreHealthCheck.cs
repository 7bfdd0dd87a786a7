using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PandaMcp.Gateway.Cluster;

/// <summary>Not ready while the cluster's Redis cannot be reached: a load balancer sends requests elsewhere.</summary>
public sealed class ClusterStoreHealthCheck(ClusterStoreMonitor store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(store.IsAvailable
            ? HealthCheckResult.Healthy("Redis reachable")
            : HealthCheckResult.Unhealthy("Redis cannot be reached"));
}
