using System.Collections.Immutable;

namespace PandaEmulator.State;

/// <summary>A data carousel (tape staging) request.</summary>
internal sealed record CarouselRequest
{
    public required long RequestId { get; init; }
    public required string Dataset { get; init; }
    public string? SourceRse { get; init; }
    public string? DestinationRse { get; init; }
    public string? DdmRuleId { get; init; }
    public required string Status { get; init; }
    public int TotalFiles { get; init; }
    public int StagedFiles { get; init; }
    public long DatasetSize { get; init; }
    public long StagedSize { get; init; }
    public required DateTime CreationTime { get; init; }
    public DateTime? StartTime { get; init; }
    public DateTime? EndTime { get; init; }
    public required DateTime ModificationTime { get; init; }
    public string? SourceTape { get; init; }

    /// <summary>Destinations already tried, which a resubmission avoids.</summary>
    public ImmutableArray<string> PreviousDestinations { get; init; } = [];
    public ImmutableArray<long> RelatedTaskIds { get; init; } = [];

    public bool IsActive => Status is "queued" or "staging";
}
