using PandaEmulator.Api;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>The task endpoints that change a task directly in the database (<c>task_api.py</c>), and submission.</summary>
internal sealed class TaskChangeHandlers : IHandlerModule
{
    private static readonly string[] ChangeableAttributes = ["ramCount", "wallTime", "cpuTime", "coreCount"];

    /// <summary><c>task_split_rules.changeable_split_rule_tags</c>, in PanDA's order.</summary>
    private static readonly string[] ChangeableSplitRules = ["AI", "TW", "EC", "MF", "NG", "NI", "NF", "ES", "NJ", "AV", "IL", "LI", "LC", "CC", "OT", "UZ", "IM", "NP"];

    public void Register(HandlerRegistry registry)
    {
        registry.Add("task", "reactivate", Reactivate);
        registry.Add("task", "reassign_global_share", ReassignGlobalShare);
        registry.Add("task", "enable_jumbo_jobs", EnableJumboJobs);
        registry.Add("task", "enable_job_cloning", EnableJobCloning);
        registry.Add("task", "disable_job_cloning", DisableJobCloning);
        registry.Add("task", "increase_attempts", IncreaseAttempts);
        registry.Add("task", "change_attribute", ChangeAttribute);
        registry.Add("task", "change_modification_time", ChangeModificationTime);
        registry.Add("task", "change_priority", ChangePriority);
        registry.Add("task", "change_split_rule", ChangeSplitRule);
        registry.Add("task", "submit", Submit);
    }

    private static PyDict Reactivate(HandlerContext context)
    {
        var taskId = context.Long("task_id") ?? 0;
        var task = context.World.Tasks.Change(taskId, t => t.WithStatus("ready", context.Now)
            with { AttemptNr = context.Truthy("keep_attempt_nr") ? t.AttemptNr : 0 });
        // PanDA's UPDATE does not check that the task exists: an unknown one is "reactivated" too.
        var inputs = task?.Datasets.Where(d => d.Type is "input" or "pseudo_input" or "random_seed").Sum(d => d.NFiles) ?? 0;
        return Envelope.Of(true, $"updated {inputs} inputs and task {taskId} was reactivated ", 0L);
    }

    private static PyDict ReassignGlobalShare(HandlerContext context)
    {
        var share = context.String("share")!;
        if (!context.World.LeafShares.ContainsKey(share))
        {
            return Envelope.Of(false, $"Share {share} is not a leave share ", 1L);
        }
        var reassignRunning = context.Truthy("reassign_running_jobs");
        foreach (var taskId in context.LongList("task_id_list"))
        {
            var task = context.World.Tasks.Change(taskId, t => t with { Gshare = share, ModificationTime = context.Now });
            if (task is null)
            {
                continue;
            }
            foreach (var job in context.World.JobsOf(task).Where(j => !j.IsFinal && (reassignRunning || j.JobStatus != "running")))
            {
                context.World.Jobs.Change(job.PandaId, j => j with { Gshare = share });
            }
        }
        return Envelope.WithNoneMessage(true, 0L);
    }

    private static PyDict EnableJumboJobs(HandlerContext context)
    {
        var taskId = context.Long("task_id") ?? 0;
        var total = context.Long("jumbo_jobs_total") ?? 0;
        var task = context.World.Tasks.Change(taskId, t => t with
        {
            UseJumbo = total > 0 ? "W" : null,
            SplitRule = SplitRules.Replace(t.SplitRule, "NJ", total.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ModificationTime = context.Now,
        });
        if (task is null)
        {
            return Envelope.Of(false, "task not found", 2L);
        }
        if (total > 0)
        {
            // PanDA then calls avalanche(task_id) without the request: the decorator reads
            // task_id.subprocess_env and the call ends in an HTTP 500, after the change was made.
            throw PyException.AttributeError("'int' object has no attribute 'subprocess_env'");
        }
        return Envelope.Of(true, "done", 0L);
    }

    private static PyDict EnableJobCloning(HandlerContext context)
    {
        var mode = context.String("mode") ?? "runonce";
        if (mode is not ("runonce" or "storeonce"))
        {
            return context.World.FindTask(context.Long("jedi_task_id") ?? 0) is null
                ? Envelope.Of(false, "task not found")
                : Envelope.Of(false, $"invalid job cloning mode: {mode}");
        }
        var multiplicity = context.Long("multiplicity") ?? 2;
        var sites = context.Long("num_sites") ?? 2;
        var task = context.World.Tasks.Change(context.Long("jedi_task_id") ?? 0, t => t with
        {
            EventService = 2,
            SplitRule = SplitRules.Replace(SplitRules.Replace(SplitRules.Replace(SplitRules.Replace(t.SplitRule,
                "UC", mode == "runonce" ? "1" : "2"), "ES", "1"), "EC", multiplicity.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                "NS", sites.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ModificationTime = context.Now,
        });
        return task is null ? Envelope.Of(false, "task not found") : Envelope.WithNoneMessage(true);
    }

    private static PyDict DisableJobCloning(HandlerContext context)
    {
        var task = context.World.Tasks.Change(context.Long("jedi_task_id") ?? 0, t => t with
        {
            EventService = 0,
            SplitRule = SplitRules.Remove(t.SplitRule, "UC", "ES", "EC", "NS"),
            ModificationTime = context.Now,
        });
        return task is null ? Envelope.Of(false, "task not found") : Envelope.WithNoneMessage(true);
    }

    private static PyDict IncreaseAttempts(HandlerContext context)
    {
        var taskId = context.Long("task_id") ?? 0;
        var increase = context.Long("increase") ?? 0;
        if (increase < 0)
        {
            return Envelope.Fail($"increase must be a positive integer, got {increase}");
        }
        var (code, message) = context.World.Tasks.Update<(long, string)>(taskId, task =>
        {
            if (task is null)
            {
                return (null, (1, $"jediTaskID={taskId} not found"));
            }
            string[] ok = ["running", "scouting", "ready"];
            if (!ok.Contains(task.Status) && !ok.Contains(task.OldStatus ?? ""))
            {
                return (null, (2, $"command rejected since status={task.Status} or oldStatus={task.OldStatus ?? "None"} not in ['running', 'scouting', 'ready']"));
            }
            var active = task.Datasets.Where(d => d.IsInput).Sum(d => d.Files.Count(f => f.Status is "ready" or "running"));
            return (task with { ModificationTime = context.Now }, (0, $"increased attemptNr for {active} inputs (0 reactivated)"));
        });
        return Envelope.Of(code == 0, message, code);
    }

    private static PyDict ChangeAttribute(HandlerContext context)
    {
        var name = context.String("attribute_name")!;
        if (!ChangeableAttributes.Contains(name))
        {
            return Envelope.Fail($"{name} is not a valid attribute. Valid attributes are {PyRepr.Repr(new PyList(ChangeableAttributes))}");
        }
        var value = (int)(context.Long("value") ?? 0);
        return Changed(context.World.Tasks.Change(context.Long("task_id") ?? 0, t => (name switch
        {
            "ramCount" => t with { RamCount = value },
            "wallTime" => t with { WallTime = value },
            "cpuTime" => t with { CpuTime = value },
            _ => t with { CoreCount = value },
        }) with { ModificationTime = context.Now }));
    }

    private static PyDict ChangeModificationTime(HandlerContext context)
    {
        var hours = context.Long("hour_offset") ?? 0;
        var time = context.Now.AddHours(hours);
        return Changed(context.World.Tasks.Change(context.Long("task_id") ?? 0, t => t with { ModificationTime = time }));
    }

    private static PyDict ChangePriority(HandlerContext context)
    {
        var priority = (int)(context.Long("priority") ?? 0);
        return Changed(context.World.Tasks.Change(context.Long("task_id") ?? 0,
            t => t with { TaskPriority = priority, CurrentPriority = priority, ModificationTime = context.Now }));
    }

    private static PyDict ChangeSplitRule(HandlerContext context)
    {
        var name = context.String("attribute_name")!;
        if (!ChangeableSplitRules.Contains(name))
        {
            return Envelope.Fail($"{name} is not a valid attribute. Valid attributes are {PyRepr.Repr(new PyList(ChangeableSplitRules))}", 2L);
        }
        var value = context.String("value")!;
        return Changed(context.World.Tasks.Change(context.Long("task_id") ?? 0,
            t => t with { SplitRule = SplitRules.Replace(t.SplitRule, name, value), ModificationTime = context.Now }));
    }

    /// <summary>The "n tasks changed" / "Task not found" answer of the direct updates.</summary>
    private static PyDict Changed(TaskRecord? task) => task is null ? Envelope.Fail("Task not found") : Envelope.Ok(message: "1 tasks changed");

    private static PyDict Submit(HandlerContext context)
    {
        var parameters = ((PyDict)context["task_parameters"]!).Copy();
        var (code, message) = TaskSubmission.Insert(context, parameters, context.Long("parent_tid"), allowActiveTask: false);
        if (code is not (0 or 3))
        {
            return Envelope.Fail(message, (long)code);
        }
        var match = System.Text.RegularExpressions.Regex.Match(message, @"jediTaskID=(\d+)");
        return Envelope.Ok(match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null, message);
    }
}
