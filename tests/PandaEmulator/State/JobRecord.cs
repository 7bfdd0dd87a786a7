using System.Collections.Immutable;

namespace PandaEmulator.State;

/// <summary>A PanDA job: the JobSpec columns the emulator answers with, and its files.</summary>
internal sealed record JobRecord
{
    public required long PandaId { get; init; }
    public required long JediTaskId { get; init; }
    public long JobDefinitionId { get; init; }
    public long JobsetId { get; init; }
    public required string JobName { get; init; }
    public required string JobStatus { get; init; }
    public string? JobSubStatus { get; init; }
    public string? CommandToPilot { get; init; }
    public required string ComputingSite { get; init; }
    public string? ComputingElement { get; init; }
    public required string Cloud { get; init; }
    public string? Nucleus { get; init; }
    public required string ProdSourceLabel { get; init; }
    public required string ProdUserName { get; init; }
    public string? ProdUserId { get; init; }
    public string? WorkingGroup { get; init; }
    public string Transformation { get; init; } = "";
    public string AtlasRelease { get; init; } = "";
    public string HomePackage { get; init; } = "";
    public string CmtConfig { get; init; } = "x86_64-el9-gcc13-opt";
    public string JobParameters { get; init; } = "";
    public required string ProcessingType { get; init; }
    public int AssignedPriority { get; init; }
    public int CurrentPriority { get; init; }
    public int AttemptNr { get; init; } = 1;
    public int MaxAttempt { get; init; } = 3;
    public required DateTime CreationTime { get; init; }
    public required DateTime ModificationTime { get; init; }
    public DateTime? StateChangeTime { get; init; }
    public DateTime? StartTime { get; init; }
    public DateTime? EndTime { get; init; }
    public int CoreCount { get; init; } = 1;
    public int? ActualCoreCount { get; init; }
    public long MinRamCount { get; init; } = 2000;
    public string ResourceType { get; init; } = "SCORE";
    public required string Gshare { get; init; }
    public string? SpecialHandling { get; init; }
    public int? TransExitCode { get; init; }
    public int PilotErrorCode { get; init; }
    public string? PilotErrorDiag { get; init; }
    public int ExeErrorCode { get; init; }
    public string? ExeErrorDiag { get; init; }
    public int TaskBufferErrorCode { get; init; }
    public string? TaskBufferErrorDiag { get; init; }
    public long? NEvents { get; init; }
    public long? CpuConsumptionTime { get; init; }
    public long? MaxRss { get; init; }
    public string? BatchId { get; init; }
    public string? PilotId { get; init; }
    public long? ReqId { get; init; }

    /// <summary>The job report metadata a finished user job uploaded (JSON), if any.</summary>
    public string? MetadataJson { get; init; }
    public ImmutableArray<JobFileRecord> Files { get; init; } = [];

    public bool IsFinal => JobStatus is "finished" or "failed" or "cancelled" or "closed";
}
