namespace PandaMcp.Silo.Cluster;

/// <summary>Grain calls the gateway stops waiting for: they may still end, and nobody reads how.</summary>
public static class AbandonedTasks
{
    /// <summary>Observes the task's failure, if it fails, so that it is not reported as unobserved.</summary>
    public static void Abandon(this Task task) =>
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
