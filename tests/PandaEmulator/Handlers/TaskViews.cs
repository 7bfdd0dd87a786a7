using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>The dictionaries PanDA builds from a task: JediTaskSpec columns, task details, digests, datasets.</summary>
internal static class TaskViews
{
    /// <summary>JediTaskSpec.attributes, in order.</summary>
    private static readonly string[] Attributes =
    [
        "jediTaskID", "taskName", "status", "userName", "creationDate", "modificationTime", "startTime", "endTime", "frozenTime",
        "prodSourceLabel", "workingGroup", "vo", "coreCount", "taskType", "processingType", "taskPriority", "currentPriority",
        "architecture", "transUses", "transHome", "transPath", "lockedBy", "lockedTime", "termCondition", "splitRule", "walltime",
        "walltimeUnit", "outDiskCount", "outDiskUnit", "workDiskCount", "workDiskUnit", "ramCount", "ramUnit", "ioIntensity",
        "ioIntensityUnit", "workQueue_ID", "progress", "failureRate", "errorDialog", "reqID", "oldStatus", "cloud", "site",
        "countryGroup", "parent_tid", "eventService", "ticketID", "ticketSystemType", "stateChangeTime", "superStatus", "campaign",
        "mergeRamCount", "mergeRamUnit", "mergeWalltime", "mergeWalltimeUnit", "throttledTime", "numThrottled", "mergeCoreCount",
        "goal", "assessmentTime", "cpuTime", "cpuTimeUnit", "cpuEfficiency", "baseWalltime", "nucleus", "baseRamCount",
        "ttcRequested", "ttcPredicted", "ttcPredictionDate", "rescueTime", "requestType", "gshare", "resource_type", "useJumbo",
        "diskIO", "diskIOUnit", "memory_leak_core", "memory_leak_x2", "attemptNr", "container_name", "framework", "activatedTime",
        "queuedTime", "actionTime",
    ];

    public static PyDict Parameters(TaskRecord task) => (PyDict)PyJsonParser.Loads(task.ParametersJson)!;

    /// <summary><c>get_task_details_json</c>: every JediTaskSpec column plus the job template, the parameters and file progress.</summary>
    public static PyDict DetailedInfo(TaskRecord task)
    {
        var result = new PyDict(Attributes.Length + 10);
        foreach (var attribute in Attributes)
        {
            result[attribute] = Column(task, attribute);
        }
        var parameters = Parameters(task);
        result["job_execution_params"] = task.JobParamsTemplate;
        result["task_creation_arguments"] = parameters["cliParams"];
        result["raw_task_params"] = parameters;
        var inputs = task.Datasets.Where(d => d.IsInput).ToList();
        var files = inputs.Sum(d => d.NFiles);
        var finished = inputs.Sum(d => d.NFilesFinished);
        var failed = inputs.Sum(d => d.NFilesFailed);
        result["nFiles"] = (long)files;
        result["nFilesFinished"] = (long)finished;
        result["nFilesFailed"] = (long)failed;
        result["nFilesMissing"] = 0L;
        result["pctFinished"] = files == 0 ? 0L : (long)Math.Round(100.0 * finished / files, MidpointRounding.ToEven);
        result["pctFailed"] = files == 0 ? 0L : (long)Math.Round(100.0 * failed / files, MidpointRounding.ToEven);
        return result;
    }

    /// <summary><c>getJediTaskDetails</c>/<c>getJediTaskDigest</c>: datasets, a statistics string and the PandaIDs.</summary>
    public static PyDict Digest(TaskRecord task, World world)
    {
        var inDs = task.Datasets.Where(d => d.Type == "input").Select(d => d.ContainerName ?? d.Name).Distinct();
        var outDs = task.Datasets.Where(d => d.Type.EndsWith("output", StringComparison.Ordinal) || d.Type.EndsWith("log", StringComparison.Ordinal))
            .Select(d => d.ContainerName ?? d.Name).Distinct();
        var inputs = task.Datasets.Where(d => d.IsInput).ToList();
        var total = inputs.Sum(d => d.NFiles);
        var toBeDone = inputs.Sum(d => d.NFiles - d.NFilesUsed);
        var finished = inputs.Sum(d => d.NFilesFinished);
        var failed = inputs.Sum(d => d.NFilesFailed);
        var parts = new List<string>();
        var picked = total;
        if (toBeDone > 0)
        {
            parts.Add($"tobedone*{toBeDone}");
            picked -= toBeDone;
        }
        if (finished > 0)
        {
            parts.Add($"finished*{finished}");
            picked -= finished;
        }
        if (failed > 0)
        {
            parts.Add($"failed*{failed}");
            picked -= failed;
        }
        foreach (var group in world.JobsOf(task).Where(j => !j.IsFinal).GroupBy(j => j.JobStatus))
        {
            parts.Add($"{group.Key}*{group.Count()}");
            picked -= group.Count();
        }
        if (picked > 0)
        {
            parts.Add($"picked*{picked}");
        }
        return new PyDict
        {
            { "inDS", string.Join(',', inDs) },
            { "outDS", string.Join(',', outDs) },
            { "statistics", string.Join(',', parts) },
            { "PandaID", new PyList(task.JobIds.Select(id => (object?)id)) },
            { "mergeStatus", null },
            { "mergePandaID", new PyList() },
        };
    }

    /// <summary><c>get_files_in_datasets</c>: each dataset of the given types with its files.</summary>
    public static PyList DatasetsAndFiles(TaskRecord task, IReadOnlyCollection<string> types) => new(task.Datasets
        .Where(d => types.Contains(d.Type))
        .Select(d => (object?)new PyDict
        {
            { "dataset", new PyDict { { "name", d.Name }, { "id", d.DatasetId } } },
            {
                "files", new PyList(d.Files.Select(f => (object?)new PyDict
                {
                    { "lfn", f.Lfn },
                    { "scope", f.Scope },
                    { "id", f.FileId },
                    { "status", f.Status },
                }))
            },
        }));

    private static object? Column(TaskRecord task, string attribute) => attribute switch
    {
        "jediTaskID" => task.JediTaskId,
        "taskName" => task.TaskName,
        "status" or "superStatus" => task.Status,
        "userName" => task.UserName,
        "creationDate" => task.CreationDate,
        "modificationTime" => task.ModificationTime,
        "startTime" => task.StartTime,
        "endTime" => task.EndTime,
        "prodSourceLabel" => task.ProdSourceLabel,
        "workingGroup" => task.WorkingGroup,
        "vo" => task.Vo,
        "coreCount" => (long)task.CoreCount,
        "taskType" => task.TaskType,
        "processingType" => task.ProcessingType,
        "taskPriority" => (long)task.TaskPriority,
        "currentPriority" => (long)task.CurrentPriority,
        "architecture" => task.Architecture,
        "transUses" => task.TransUses,
        "transHome" => task.TransHome,
        "splitRule" => task.SplitRule,
        "walltime" => (long)task.WallTime,
        "walltimeUnit" => "kSI2kseconds",
        "outDiskCount" => 0L,
        "outDiskUnit" => "MB",
        "workDiskCount" => 0L,
        "workDiskUnit" => "MB",
        "ramCount" => (long)task.RamCount,
        "ramUnit" => "MBPerCore",
        "ioIntensityUnit" => "kBPerS",
        "workQueue_ID" => task.IsUserTask ? 19L : 7L,
        "progress" => (long)Progress(task),
        "failureRate" => task.Datasets.Where(d => d.IsInput).Sum(d => d.NFiles) is var n and > 0
            ? (long)(100 * task.Datasets.Where(d => d.IsInput).Sum(d => d.NFilesFailed) / n) : 0L,
        "errorDialog" => task.ErrorDialog,
        "reqID" => task.ReqId,
        "oldStatus" => task.OldStatus,
        "cloud" => task.Cloud,
        "site" => task.Site,
        "countryGroup" => task.IsUserTask ? "" : null,
        "parent_tid" => task.ParentTid,
        "eventService" => (long)task.EventService,
        "stateChangeTime" => task.StateChangeTime,
        "campaign" => task.Campaign,
        "cpuTime" => (long)task.CpuTime,
        "cpuTimeUnit" => "HS06sPerEvent",
        "baseWalltime" => 0L,
        "nucleus" => task.Nucleus,
        "baseRamCount" => 0L,
        "gshare" => task.Gshare,
        "resource_type" => task.ResourceType,
        "useJumbo" => task.UseJumbo,
        "attemptNr" => (long)task.AttemptNr,
        "framework" => task.IsUserTask ? "panda-client" : "prodsys",
        "activatedTime" => task.StartTime,
        "queuedTime" => task.CreationDate,
        _ => null,
    };

    private static int Progress(TaskRecord task)
    {
        var inputs = task.Datasets.Where(d => d.IsInput).ToList();
        var total = inputs.Sum(d => d.NFiles);
        return total == 0 ? 0 : 100 * inputs.Sum(d => d.NFilesFinished) / total;
    }
}
