namespace PandaEmulator.State;

/// <summary>A target number of slots for a queue, global share and resource type (<c>Harvester_Slots</c>).</summary>
internal sealed record SlotTarget(string PandaQueue, string? GlobalShare, string? ResourceType, long NumSlots, DateTime ModificationTime, DateTime? ExpirationTime);
