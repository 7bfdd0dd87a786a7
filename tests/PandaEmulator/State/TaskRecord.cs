using System.Collections.Immutable;

namespace PandaEmulator.State;

/// <summary>A JEDI task: the columns of <c>JEDI_Tasks</c> the emulator answers with, its parameters, datasets and jobs.</summary>
internal sealed record TaskRecord
{
    public required long JediTaskId { get; init; }
    public required string TaskName { get; init; }
    public required string Status { get; init; }
    public string? OldStatus { get; init; }
    public required string UserName { get; init; }
    public string? WorkingGroup { get; init; }
    public required string ProdSourceLabel { get; init; }
    public string Vo { get; init; } = "atlas";
    public required string TaskType { get; init; }
    public required string ProcessingType { get; init; }
    public int TaskPriority { get; init; }
    public int CurrentPriority { get; init; }
    public int CoreCount { get; init; } = 1;
    public int RamCount { get; init; } = 2000;
    public int WallTime { get; init; }
    public int CpuTime { get; init; }
    public string? Cloud { get; init; }
    public string? Site { get; init; }
    public string? Nucleus { get; init; }
    public long? ParentTid { get; init; }
    public long? ReqId { get; init; }
    public required string Gshare { get; init; }
    public string ResourceType { get; init; } = "SCORE";
    public string SplitRule { get; init; } = "";
    public string? Campaign { get; init; }
    public int AttemptNr { get; init; }
    public int EventService { get; init; }
    public string? UseJumbo { get; init; }
    public string? ErrorDialog { get; init; }
    public string Architecture { get; init; } = "x86_64-el9-gcc13-opt";
    public string TransUses { get; init; } = "";
    public string TransHome { get; init; } = "";
    public required DateTime CreationDate { get; init; }
    public required DateTime ModificationTime { get; init; }
    public DateTime? StartTime { get; init; }
    public DateTime? EndTime { get; init; }
    public DateTime? StateChangeTime { get; init; }

    /// <summary>The task parameters as JEDI stores them (<c>JEDI_TaskParams</c>): a JSON object.</summary>
    public required string ParametersJson { get; init; }
    public string? JobParamsTemplate { get; init; }
    public ImmutableArray<DatasetRecord> Datasets { get; init; } = [];
    public ImmutableArray<long> JobIds { get; init; } = [];

    /// <summary>The last command registered for JEDI (PRODSYS_COMM), e.g. "kill by alice".</summary>
    public string? PendingCommand { get; init; }

    public bool IsUserTask => ProdSourceLabel == "user";

    public TaskRecord WithStatus(string status, DateTime now) =>
        this with { Status = status, OldStatus = Status, ModificationTime = now, StateChangeTime = now };
}
