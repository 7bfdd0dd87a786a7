namespace PandaEmulator.State;

/// <summary>A file of a task's dataset (<c>JEDI_Dataset_Contents</c>).</summary>
internal sealed record FileRecord(long FileId, string Lfn, string Scope, string Status, long Size, string Guid, string Checksum, long? PandaId, int AttemptNr);
