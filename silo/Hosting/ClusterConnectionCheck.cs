using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PandaMcp.Silo.Hosting;

/// <summary>
/// A cluster client's view of the cluster: healthy while it holds a connection to at least one silo. Orleans tells
/// it when the number of connected silos changes; the client starts only once it has reached one.
/// </summary>
public sealed class ClusterConnectionCheck : IHealthCheck, IClusterConnectionStatusObserver
{
    private volatile int _connectedSilos = -1;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_connectedSilos switch
        {
            // No change reported yet: the client started, so it reached a silo.
            -1 => HealthCheckResult.Healthy("connected to the cluster"),
            0 => HealthCheckResult.Unhealthy("connected to no silo"),
            var count => HealthCheckResult.Healthy($"connected to {count} silos"),
        });

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered) =>
        _connectedSilos = currentNumberOfGateways;

    public void NotifyClusterConnectionLost() => _connectedSilos = 0;
}
