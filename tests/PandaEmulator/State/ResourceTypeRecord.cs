namespace PandaEmulator.State;

/// <summary>A resource type definition (<c>resource_types</c>).</summary>
internal sealed record ResourceTypeRecord(string Name, int MinCore, int? MaxCore, int MinRamPerCore, int? MaxRamPerCore);
