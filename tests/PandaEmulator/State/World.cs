using System.Collections.Concurrent;

namespace PandaEmulator.State;

/// <summary>
/// The emulated PanDA database: tasks, jobs, queues, data carousel requests, harvester data and statistics.
/// Reads are lock-free; changes go through <see cref="VersionedStore{TKey,TRecord}.Update{TResult}"/>.
/// </summary>
internal sealed class World
{
    public required VersionedStore<long, TaskRecord> Tasks { get; init; }
    public required VersionedStore<long, JobRecord> Jobs { get; init; }
    public required VersionedStore<long, CarouselRequest> CarouselRequests { get; init; }
    public required IReadOnlyList<SiteRecord> Sites { get; init; }
    public required IReadOnlyList<ResourceTypeRecord> ResourceTypes { get; init; }

    /// <summary>The leaf global shares and the prodSourceLabel each serves.</summary>
    public required IReadOnlyDictionary<string, string> LeafShares { get; init; }
    public required IReadOnlySet<string> BannedUsers { get; init; }

    /// <summary>Jobs the statistics count besides the emulator's own: the rest of the grid.</summary>
    public required IReadOnlyList<JobCountRow> BackgroundJobs { get; init; }
    public required IReadOnlyList<WorkerStatRow> WorkerStats { get; init; }
    public required IReadOnlyDictionary<string, string> UserEmails { get; init; }
    public ConcurrentDictionary<long, HarvesterCommand> HarvesterCommands { get; } = new();
    public ConcurrentDictionary<string, SlotTarget> SlotTargets { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, DateTime> HarvesterHeartbeats { get; } = new(StringComparer.Ordinal);
    public required IdSequence TaskIds { get; init; }
    public required IdSequence JobIds { get; init; }
    public required IdSequence CarouselIds { get; init; }
    public required IdSequence CommandIds { get; init; }
    public required IdSequence DatasetIds { get; init; }
    public required IdSequence FileIds { get; init; }

    public TaskRecord? FindTask(long id) => Tasks.Find(id);

    public JobRecord? FindJob(long id) => Jobs.Find(id);

    public SiteRecord? FindSite(string name) => Sites.FirstOrDefault(s => s.Name == name);

    public IEnumerable<JobRecord> JobsOf(TaskRecord task) =>
        task.JobIds.Select(Jobs.Find).Where(j => j is not null).Select(j => j!);
}
