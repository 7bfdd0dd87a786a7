using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PandaMcp.Silo.Hosting;

/// <summary>
/// Ready while the cluster's membership store (Redis, in the split topology) answers a read: a silo that cannot
/// read it cannot learn who else is in the cluster, and a gateway cannot find silos.
/// </summary>
/// <param name="read">One read of the store: a silo's membership table, or a client's list of silos.</param>
public sealed class ClusterStoreReadinessCheck(Func<CancellationToken, Task> read) : IHealthCheck
{
    /// <summary>A probe must answer promptly: a store that does not answer within this is not ready.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await read(cancellationToken).WaitAsync(ReadTimeout, cancellationToken);
            return HealthCheckResult.Healthy("the membership store answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: a connection error's message can quote the connection string.
            return HealthCheckResult.Unhealthy($"the membership store does not answer ({e.GetType().Name})");
        }
    }
}
