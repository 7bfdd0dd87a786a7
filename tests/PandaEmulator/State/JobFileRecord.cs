namespace PandaEmulator.State;

/// <summary>A file a job reads or writes (<c>filesTable4</c>).</summary>
internal sealed record JobFileRecord(
    long RowId,
    string Lfn,
    string Type,
    string Dataset,
    string Scope,
    string Status,
    long Size,
    string Guid,
    string Checksum,
    long DatasetId,
    long FileId,
    string DestinationSe);
