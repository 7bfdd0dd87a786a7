namespace PandaEmulator.State;

/// <summary>A count of jobs sharing a site, label, share, resource type, processing type and status: the statistics' raw rows.</summary>
internal sealed record JobCountRow(
    string Site,
    string Cloud,
    string ProdSourceLabel,
    string Gshare,
    string ResourceType,
    string ProcessingType,
    string JobStatus,
    long Count);
