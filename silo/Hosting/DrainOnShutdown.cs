using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PandaMcp.Contracts;

namespace PandaMcp.Silo.Hosting;

/// <summary>
/// The first step of a stop: not ready from the moment the stop begins, and still serving for
/// <see cref="ShutdownOptions.DrainDelay"/> before any service stops, so that Kubernetes endpoints and load
/// balancers stop sending work here while what is already on its way is served.
/// </summary>
public sealed partial class DrainOnShutdown(
    IHostApplicationLifetime lifetime,
    IOptions<ShutdownOptions> options,
    TimeProvider time,
    ILogger<DrainOnShutdown> logger) : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _stopping;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        // A stop signal (SIGTERM) fires ApplicationStopping before the host stops its services; a direct stop
        // of the host reaches StoppingAsync first.
        Task.FromResult(_stopping || lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("stopping")
            : HealthCheckResult.Healthy("running"));

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var delay = options.Value.DrainDelay;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }
        LogDraining(logger, delay);
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out first: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = LogEvents.Draining, Level = LogLevel.Information, Message = "Stopping: not ready, still serving for {DrainDelay}")]
    private static partial void LogDraining(ILogger logger, TimeSpan drainDelay);
}
