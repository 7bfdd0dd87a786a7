using Microsoft.Extensions.Logging;
using PandaMcp.Contracts;

namespace PandaMcp.Silo.Hosting;

/// <summary>
/// Keeps an Orleans client trying to reach the cluster, every few seconds, until the host stops: a gateway
/// started before any silo waits for one instead of dying after Orleans' default number of attempts.
/// </summary>
public sealed partial class ClusterConnectionRetry(TimeProvider time, ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogRetrying(logger, ++_attempts, Delay, exception);
        try
        {
            await Task.Delay(Delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return true;
    }

    [LoggerMessage(EventId = LogEvents.ClusterUnreachable, Level = LogLevel.Warning,
        Message = "No silo of the cluster answered (attempt {Attempt}); trying again in {Delay}")]
    private static partial void LogRetrying(ILogger logger, int attempt, TimeSpan delay, Exception exception);
}
