namespace PandaEmulator.State;

/// <summary>A command queued for a harvester instance (<c>HARVESTER_COMMAND_LOCK</c>/<c>Harvester_Commands</c>).</summary>
internal sealed record HarvesterCommand(long CommandId, string HarvesterId, string Command, string Parameters, string Status, DateTime CreationDate, bool AckRequested);
