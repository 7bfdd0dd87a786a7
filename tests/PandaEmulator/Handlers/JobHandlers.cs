using PandaEmulator.Api;
using PandaEmulator.Auth;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>The job endpoints (<c>job_api.py</c>).</summary>
internal sealed class JobHandlers : IHandlerModule
{
    private const int CommandMaxLength = 250;
    private static readonly string[] DebugChangeableStates = ["defined", "activated", "running", "sent", "starting", "assigned"];

    public void Register(HandlerRegistry registry)
    {
        registry.Add("job", "get_status", GetStatus);
        registry.Add("job", "get_description", GetDescription);
        registry.Add("job", "get_description_incl_archive", GetDescription);
        registry.Add("job", "generate_offline_execution_script", GenerateOfflineExecutionScript);
        registry.Add("job", "get_metadata_for_analysis_jobs", GetMetadataForAnalysisJobs);
        registry.Add("job", "kill", Kill);
        registry.Add("job", "reassign", Reassign);
        registry.Add("job", "set_command", SetCommand);
        registry.Add("job", "set_debug_mode", SetDebugMode);
        registry.Add("job", "submit", Submit);
    }

    /// <summary>checkJobStatus: active jobs (and those archived within the hour) report status and command; others "unknown"/"tobekilled".</summary>
    private static PyDict GetStatus(HandlerContext context)
    {
        var result = new PyList();
        foreach (var id in context.LongList("job_ids"))
        {
            var job = context.World.FindJob(id);
            var known = job is not null && (!job.IsFinal || job.ModificationTime >= context.Now.AddHours(-1) || job.EndTime >= context.Now.AddHours(-1));
            result.Add(new PyDict
            {
                { "command", known ? job!.CommandToPilot : "tobekilled" },
                { "status", known ? job!.JobStatus : "unknown" },
            });
        }
        return Envelope.Ok(result);
    }

    private static PyDict GetDescription(HandlerContext context)
    {
        var jobs = context.LongList("job_ids").Take(5500)
            .Select(id => context.World.FindJob(id) is { } job ? (object?)JobViews.ToDictAdvanced(job, addExtraInfo: false) : null);
        return Envelope.Ok(new PyList(jobs));
    }

    /// <summary>Returns the script as plain text (no envelope), or PanDA's "ERROR: ..." text.</summary>
    private static string GenerateOfflineExecutionScript(HandlerContext context)
    {
        var jobId = context.Long("job_id") ?? 0;
        var days = context.Long("days");
        var job = context.World.FindJob(jobId);
        if (job is null || (days is { } window && job.ModificationTime < context.Now.AddDays(-window)))
        {
            return days is null
                ? $"ERROR: Cannot get PandaID={jobId} in DB for the last 30 days. You may add &days=N to the URL"
                : $"ERROR: Cannot get PandaID={jobId} in DB for the last {days} days. You may change &days=N in the URL";
        }
        return JobViews.OfflineScript(job);
    }

    private static PyDict GetMetadataForAnalysisJobs(HandlerContext context)
    {
        var metadata = new PyDict();
        if (context.Long("task_id") is { } id && context.World.FindTask(id) is { } task)
        {
            foreach (var job in context.World.JobsOf(task).Where(j => j is { JobStatus: "finished", ProdSourceLabel: "user", MetadataJson: not null }))
            {
                metadata[job.PandaId] = PyJsonParser.Loads(job.MetadataJson!);
            }
        }
        return metadata.Count == 0 ? Envelope.Ok(new PyDict(), "No metadata found") : Envelope.Ok(metadata);
    }

    private static PyDict Kill(HandlerContext context)
    {
        if (context.Truthy("use_email_as_id"))
        {
            // job.kill calls get_email_address(user) without its logger argument: a TypeError, HTTP 500.
            throw PyException.TypeError("get_email_address() missing 1 required positional argument: 'tmp_logger'");
        }
        var user = UserIds.Clean(context.Caller.Dn ?? "");
        var results = context.LongList("job_ids")
            .Select(id => (object?)JobCommands.Kill(context.World, id, context.Caller, user, context.Long("code"), context.Now));
        return Envelope.Ok(new PyList(results));
    }

    /// <summary>reassignJobs always reports success; waiting jobs go back to be brokered again.</summary>
    private static PyDict Reassign(HandlerContext context)
    {
        foreach (var id in context.LongList("job_ids"))
        {
            context.World.Jobs.Update<bool>(id, job => job is { JobStatus: "activated" or "assigned" or "defined" or "waiting" }
                ? (job with { JobStatus = "defined", ComputingElement = null, ModificationTime = context.Now }, true)
                : (null, false));
        }
        return Envelope.Ok();
    }

    private static PyDict SetCommand(HandlerContext context)
    {
        var jobId = context.Long("job_id") ?? 0;
        var command = context.String("command")!;
        if (command.Length > CommandMaxLength)
        {
            return Envelope.Of(false, $"command string too long. must be less than {CommandMaxLength} chars");
        }
        var (success, message) = context.World.Jobs.Update<(bool, string)>(jobId, job =>
        {
            if (job is null || job.IsFinal)
            {
                return (null, (false, $"no active job with PandaID={jobId}"));
            }
            if (job.CommandToPilot == "tobekilled")
            {
                return (null, (false, "job is being killed"));
            }
            return (job with { CommandToPilot = command, ModificationTime = context.Now }, (true, "command received"));
        });
        return Envelope.Of(success, message);
    }

    /// <summary>PanDA's bug kept: success is true when the message is NOT "Succeeded".</summary>
    private static PyDict SetDebugMode(HandlerContext context)
    {
        var jobId = context.Long("job_id") ?? 0;
        var modeOn = context.Truthy("mode");
        var message = context.World.Jobs.Update<string>(jobId, job =>
        {
            // finished jobs live in the archive, which set_debug_mode does not look at
            if (job is null || job.IsFinal)
            {
                return (null, $"PandaID={jobId} not found in active DB");
            }
            if (!DebugChangeableStates.Contains(job.JobStatus))
            {
                return (null, $"Cannot set debugMode since the job status is {job.JobStatus} which is not in one of {PyRepr.Repr(new PyList(DebugChangeableStates))}");
            }
            var handling = job.SpecialHandling ?? "";
            var isDebug = handling.Contains("debug", StringComparison.Ordinal);
            if (modeOn == isDebug)
            {
                return (null, "Already set accordingly");
            }
            var next = modeOn
                ? "debug"
                : string.Join(',', handling.Split(',').Where(p => p != "debug" && p.Length > 0));
            return (job with { SpecialHandling = next.Length == 0 ? null : next, ModificationTime = context.Now }, "Succeeded");
        });
        return Envelope.Of(message != "Succeeded", message);
    }

    private static PyDict Submit(HandlerContext context)
    {
        object? specs;
        try
        {
            specs = PyJsonParser.Loads(context.String("jobs")!);
        }
        catch (PyJsonDecodeException e)
        {
            return Envelope.Fail($"Failed to deserialize jobs: {e.Message} ");
        }
        if (specs is not PyList list || list.Any(item => item is not PyDict))
        {
            return Envelope.Fail($"Failed to deserialize jobs: '{PyOps.TypeName(specs is PyList l ? l.FirstOrDefault(i => i is not PyDict) : specs)}' object has no attribute 'items' ");
        }
        var jobs = list.Cast<PyDict>().Take(5000).ToList();
        if (jobs.Count == 0)
        {
            return Envelope.Fail("No jobs were submitted");
        }
        foreach (var spec in jobs)
        {
            if (spec["prodSourceLabel"] as string == "managed" && !context.Caller.IsProduction)
            {
                return Envelope.Fail($"{context.Caller.Dn} is missing production for prodSourceLabel=managed submission");
            }
            if (spec["job_label"] is string jobLabel && jobLabel is not ("" or "NULL" or "user" or "managed"))
            {
                return Envelope.Fail($"job_label={jobLabel} is not valid");
            }
        }
        var created = new PyList();
        var definitionId = context.World.JobIds.Next() % 100_000;
        foreach (var spec in jobs)
        {
            var job = NewJob(context, spec, definitionId);
            context.World.Jobs.TryAdd(job.PandaId, job);
            if (context.World.FindTask(job.JediTaskId) is not null)
            {
                context.World.Tasks.Change(job.JediTaskId, t => t with { JobIds = t.JobIds.Add(job.PandaId) });
            }
            created.Add(new PyTuple(job.PandaId, job.JobDefinitionId, job.JobName));
        }
        return Envelope.Ok(created);
    }

    private static JobRecord NewJob(HandlerContext context, PyDict spec, long definitionId)
    {
        string Text(string key, string fallback) => spec[key] is { } value && PyOps.Str(value) is { Length: > 0 } text && text != "NULL" ? text : fallback;
        long Number(string key, long fallback) => PyOps.AsLong(spec[key]) ?? (spec[key] is string s && long.TryParse(s, out var n) ? n : fallback);
        var site = Text("computingSite", Seed.AnalysisSiteName);
        var label = Text("prodSourceLabel", "user");
        var pandaId = context.World.JobIds.Next();
        return new JobRecord
        {
            PandaId = pandaId,
            JediTaskId = Number("jediTaskID", 0),
            JobDefinitionId = Number("jobDefinitionID", definitionId),
            JobsetId = Number("jobsetID", definitionId),
            JobName = Text("jobName", $"emulator.job.{pandaId}"),
            JobStatus = "defined",
            ComputingSite = site,
            Cloud = context.World.FindSite(site)?.Cloud ?? "CERN",
            ProdSourceLabel = label,
            ProdUserName = context.UserName,
            ProdUserId = context.Caller.Dn,
            Transformation = Text("transformation", ""),
            AtlasRelease = Text("AtlasRelease", ""),
            HomePackage = Text("homepackage", ""),
            JobParameters = Text("jobParameters", ""),
            ProcessingType = Text("processingType", label == "user" ? "panda-client-1.5.85-jedi-run" : "simul"),
            AssignedPriority = (int)Number("assignedPriority", 1000),
            CurrentPriority = (int)Number("currentPriority", 1000),
            CreationTime = context.Now,
            ModificationTime = context.Now,
            StateChangeTime = context.Now,
            CoreCount = (int)Number("coreCount", 1),
            Gshare = label == "user" ? "User Analysis" : Seed.GlobalShare,
        };
    }
}
