namespace PandaEmulator.State;

/// <summary>A count of harvester workers (<c>Harvester_Worker_Stats</c>).</summary>
internal sealed record WorkerStatRow(string Site, string HarvesterId, string JobType, string ResourceType, string Status, long Count);
