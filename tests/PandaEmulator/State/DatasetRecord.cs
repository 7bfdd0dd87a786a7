using System.Collections.Immutable;

namespace PandaEmulator.State;

/// <summary>A dataset of a task (<c>JEDI_Datasets</c>) with its files.</summary>
internal sealed record DatasetRecord(
    long DatasetId,
    string Name,
    string? ContainerName,
    string Type,
    string Status,
    ImmutableArray<FileRecord> Files)
{
    public int NFiles => Files.Length;
    public int NFilesFinished => Files.Count(f => f.Status == "finished");
    public int NFilesFailed => Files.Count(f => f.Status == "failed");
    public int NFilesUsed => Files.Count(f => f.Status is not "ready");
    public bool IsInput => Type is "input" or "pseudo_input";
}
