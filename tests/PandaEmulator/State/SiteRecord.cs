namespace PandaEmulator.State;

/// <summary>A PanDA queue (site spec) and the harvester instance serving it.</summary>
internal sealed record SiteRecord(
    string Name,
    string PandaSite,
    string Cloud,
    string Type,
    string Status,
    string Tier,
    string Ddm,
    int CoreCount,
    int Memory,
    int MaxTime,
    double CorePower,
    string? HarvesterId);
