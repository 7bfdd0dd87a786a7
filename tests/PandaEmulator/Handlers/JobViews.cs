using System.Globalization;
using System.Text;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>The dictionaries and text PanDA builds from a job (<c>JobSpec.to_dict_advanced</c>, the offline script).</summary>
internal static class JobViews
{
    /// <summary>JobSpec._attributes, in order.</summary>
    private static readonly string[] Attributes =
    [
        "PandaID", "jobDefinitionID", "schedulerID", "pilotID", "creationTime", "creationHost", "modificationTime", "modificationHost",
        "AtlasRelease", "transformation", "homepackage", "prodSeriesLabel", "prodSourceLabel", "prodUserID", "assignedPriority",
        "currentPriority", "attemptNr", "maxAttempt", "jobStatus", "jobName", "maxCpuCount", "maxCpuUnit", "maxDiskCount", "maxDiskUnit",
        "ipConnectivity", "minRamCount", "minRamUnit", "startTime", "endTime", "cpuConsumptionTime", "cpuConsumptionUnit",
        "commandToPilot", "transExitCode", "pilotErrorCode", "pilotErrorDiag", "exeErrorCode", "exeErrorDiag", "supErrorCode",
        "supErrorDiag", "ddmErrorCode", "ddmErrorDiag", "brokerageErrorCode", "brokerageErrorDiag", "jobDispatcherErrorCode",
        "jobDispatcherErrorDiag", "taskBufferErrorCode", "taskBufferErrorDiag", "computingSite", "computingElement", "jobParameters",
        "metadata", "prodDBlock", "dispatchDBlock", "destinationDBlock", "destinationSE", "nEvents", "grid", "cloud", "cpuConversion",
        "sourceSite", "destinationSite", "transferType", "taskID", "cmtConfig", "stateChangeTime", "prodDBUpdateTime", "lockedby",
        "relocationFlag", "jobExecutionID", "VO", "pilotTiming", "workingGroup", "processingType", "prodUserName", "nInputFiles",
        "countryGroup", "batchID", "parentID", "specialHandling", "jobsetID", "coreCount", "nInputDataFiles", "inputFileType",
        "inputFileProject", "inputFileBytes", "nOutputDataFiles", "outputFileBytes", "jobMetrics", "workQueue_ID", "jediTaskID",
        "jobSubStatus", "actualCoreCount", "reqID", "maxRSS", "maxVMEM", "maxSWAP", "maxPSS", "avgRSS", "avgVMEM", "avgSWAP", "avgPSS",
        "maxWalltime", "nucleus", "eventService", "failedAttempt", "hs06sec", "gshare", "hs06", "totRCHAR", "totWCHAR", "totRBYTES",
        "totWBYTES", "rateRCHAR", "rateWCHAR", "rateRBYTES", "rateWBYTES", "resource_type", "diskIO", "memory_leak", "memory_leak_x2",
        "container_name", "job_label", "gco2_regional", "gco2_global", "cpu_architecture_level", "outputFileType",
    ];

    /// <summary>FileSpec._attributes, in order.</summary>
    private static readonly string[] FileAttributes =
    [
        "row_ID", "PandaID", "GUID", "lfn", "type", "dataset", "status", "prodDBlock", "prodDBlockToken", "dispatchDBlock",
        "dispatchDBlockToken", "destinationDBlock", "destinationDBlockToken", "destinationSE", "fsize", "md5sum", "checksum", "scope",
        "jediTaskID", "datasetID", "fileID", "attemptNr",
    ];

    public static PyDict ToDictAdvanced(JobRecord job, bool addExtraInfo)
    {
        var result = new PyDict(Attributes.Length + 3);
        foreach (var attribute in Attributes)
        {
            result[attribute] = Column(job, attribute);
        }
        result["Files"] = new PyList(job.Files.Select(f => (object?)FileDictionary(job, f)));
        if (addExtraInfo)
        {
            result["jobDuration"] = job is { StartTime: { } start, EndTime: { } end } ? (end - start).TotalSeconds : null;
            var label = job.ProdSourceLabel;
            result["extendedProdSourceLabel"] = job.JobName.EndsWith(".lib.tgz", StringComparison.Ordinal) ? $"{label}_build" : $"{label}_normal";
        }
        return result;
    }

    /// <summary>A shell script that reruns the job by hand, as <c>generate_offline_run_script</c> writes one.</summary>
    public static string OfflineScript(JobRecord job)
    {
        var inputs = job.Files.Where(f => f.Type == "input").Select(f => $"{f.Scope}:{f.Lfn}").ToList();
        var builder = new StringBuilder();
        builder.Append("#!/bin/bash\n\n")
            .Append(CultureInfo.InvariantCulture, $"# Offline execution script for PandaID={job.PandaId} (jediTaskID={job.JediTaskId})\n")
            .Append("# usage: bash this_script.sh [--nfiles N] [--direct]\n\n")
            .Append("set -e\n")
            .Append("export ATLAS_LOCAL_ROOT_BASE=/cvmfs/atlas.cern.ch/repo/ATLASLocalRootBase\n")
            .Append("source ${ATLAS_LOCAL_ROOT_BASE}/user/atlasLocalSetup.sh --quiet\n\n")
            .Append("# get input files\n")
            .Append("lsetup rucio\n");
        foreach (var input in inputs)
        {
            builder.Append(CultureInfo.InvariantCulture, $"rucio download --no-subdir {input}\n");
        }
        builder.Append('\n')
            .Append("# run the transformation\n")
            .Append(CultureInfo.InvariantCulture, $"export ALRB_CONT_RUNPAYLOAD=\"{job.Transformation} {job.JobParameters.Replace("\"", "\\\"", StringComparison.Ordinal)}\"\n")
            .Append(CultureInfo.InvariantCulture, $"setupATLAS -c {job.CmtConfig.Split('-')[1]} -r \"asetup {job.AtlasRelease.Replace("Atlas-", "", StringComparison.Ordinal)},here\"\n");
        return builder.ToString();
    }

    private static PyDict FileDictionary(JobRecord job, JobFileRecord file)
    {
        var result = new PyDict(FileAttributes.Length);
        foreach (var attribute in FileAttributes)
        {
            result[attribute] = attribute switch
            {
                "row_ID" => file.RowId,
                "PandaID" => job.PandaId,
                "GUID" => file.Guid,
                "lfn" => file.Lfn,
                "type" => file.Type,
                "dataset" => file.Dataset,
                "status" => file.Status,
                "prodDBlock" => file.Dataset,
                "destinationDBlock" => file.Type == "input" ? null : file.Dataset,
                "destinationSE" => file.DestinationSe,
                "fsize" => file.Size,
                "checksum" => file.Checksum,
                "scope" => file.Scope,
                "jediTaskID" => job.JediTaskId,
                "datasetID" => file.DatasetId,
                "fileID" => file.FileId,
                "attemptNr" => (long)job.AttemptNr,
                _ => null,
            };
        }
        return result;
    }

    private static object? Column(JobRecord job, string attribute) => attribute switch
    {
        "PandaID" => job.PandaId,
        "jobDefinitionID" => job.JobDefinitionId,
        "schedulerID" => job.ProdSourceLabel == "user" ? "aipanda158" : "harvester-CERN_central_A",
        "pilotID" => job.PilotId,
        "creationTime" => job.CreationTime,
        "creationHost" => "aipanda048.cern.ch",
        "modificationTime" => job.ModificationTime,
        "modificationHost" => job.ComputingElement,
        "AtlasRelease" => job.AtlasRelease,
        "transformation" => job.Transformation,
        "homepackage" => job.HomePackage,
        "prodSeriesLabel" => "pandatest",
        "prodSourceLabel" => job.ProdSourceLabel,
        "prodUserID" => job.ProdUserId,
        "assignedPriority" => (long)job.AssignedPriority,
        "currentPriority" => (long)job.CurrentPriority,
        "attemptNr" => (long)job.AttemptNr,
        "maxAttempt" => (long)job.MaxAttempt,
        "jobStatus" => job.JobStatus,
        "jobName" => job.JobName,
        "maxCpuCount" => 0L,
        "maxCpuUnit" => "HS06sPerEvent",
        "maxDiskCount" => 0L,
        "maxDiskUnit" => "MB",
        "ipConnectivity" => "yes",
        "minRamCount" => job.MinRamCount,
        "minRamUnit" => "MB",
        "startTime" => job.StartTime,
        "endTime" => job.EndTime,
        "cpuConsumptionTime" => job.CpuConsumptionTime ?? 0L,
        "cpuConsumptionUnit" => job.CpuConsumptionTime is null ? null : "s",
        "commandToPilot" => job.CommandToPilot,
        "transExitCode" => job.TransExitCode is { } exit ? exit.ToString(CultureInfo.InvariantCulture) : null,
        "pilotErrorCode" => (long)job.PilotErrorCode,
        "pilotErrorDiag" => job.PilotErrorDiag,
        "exeErrorCode" => (long)job.ExeErrorCode,
        "exeErrorDiag" => job.ExeErrorDiag,
        "supErrorCode" or "ddmErrorCode" or "brokerageErrorCode" or "jobDispatcherErrorCode" => 0L,
        "taskBufferErrorCode" => (long)job.TaskBufferErrorCode,
        "taskBufferErrorDiag" => job.TaskBufferErrorDiag,
        "computingSite" => job.ComputingSite,
        "computingElement" => job.ComputingElement,
        "jobParameters" => job.JobParameters,
        "metadata" => job.MetadataJson,
        "prodDBlock" => job.Files.FirstOrDefault(f => f.Type == "input")?.Dataset,
        "destinationDBlock" => job.Files.FirstOrDefault(f => f.Type == "output")?.Dataset,
        "destinationSE" => job.Files.FirstOrDefault(f => f.Type == "output")?.DestinationSe,
        "nEvents" => job.NEvents ?? 0L,
        "grid" => "OSG",
        "cloud" => job.Cloud,
        "cpuConversion" => 1.0,
        "taskID" => job.JediTaskId,
        "cmtConfig" => job.CmtConfig,
        "stateChangeTime" => job.StateChangeTime,
        "lockedby" => "jedi",
        "VO" => "atlas",
        "workingGroup" => job.WorkingGroup,
        "processingType" => job.ProcessingType,
        "prodUserName" => job.ProdUserName,
        "nInputFiles" or "nInputDataFiles" => (long)job.Files.Count(f => f.Type == "input"),
        "batchID" => job.BatchId,
        "specialHandling" => job.SpecialHandling,
        "jobsetID" => job.JobsetId,
        "coreCount" => (long)job.CoreCount,
        "inputFileType" => job.Files.FirstOrDefault(f => f.Type == "input")?.Lfn.Split('.')[0],
        "inputFileProject" => job.Files.FirstOrDefault(f => f.Type == "input")?.Scope,
        "inputFileBytes" => job.Files.Where(f => f.Type == "input").Sum(f => f.Size),
        "nOutputDataFiles" => (long)job.Files.Count(f => f.Type == "output"),
        "outputFileBytes" => job.JobStatus == "finished" ? job.Files.Where(f => f.Type == "output").Sum(f => f.Size) : 0L,
        "workQueue_ID" => job.ProdSourceLabel == "user" ? 19L : 7L,
        "jediTaskID" => job.JediTaskId,
        "jobSubStatus" => job.JobSubStatus,
        "actualCoreCount" => job.ActualCoreCount is { } cores ? (long)cores : null,
        "reqID" => job.ReqId,
        "maxRSS" or "avgRSS" => job.MaxRss,
        "maxWalltime" => 86_400L,
        "nucleus" => job.Nucleus,
        "eventService" => 0L,
        "failedAttempt" => job.JobStatus == "failed" ? (long)job.AttemptNr : 0L,
        "gshare" => job.Gshare,
        "resource_type" => job.ResourceType,
        "job_label" => job.ProdSourceLabel == "user" ? "user" : "managed",
        "cpu_architecture_level" => "x86_64-v2",
        _ => null,
    };
}
