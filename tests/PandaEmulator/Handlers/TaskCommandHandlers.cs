using PandaEmulator.Api;
using PandaEmulator.Auth;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>The task endpoints that register a command for JEDI (<c>task_api.py</c>), with their quirks.</summary>
internal sealed class TaskCommandHandlers : IHandlerModule
{
    public void Register(HandlerRegistry registry)
    {
        registry.Add("task", "retry", Retry);
        registry.Add("task", "resume", context => Command(context, "resume"));
        registry.Add("task", "release", context => Command(context, "release"));
        registry.Add("task", "reassign", Reassign);
        registry.Add("task", "pause", context => Command(context, "pause"));
        registry.Add("task", "kill", Kill);
        registry.Add("task", "kill_unfinished_jobs", KillUnfinishedJobs);
        registry.Add("task", "finish", Finish);
        registry.Add("task", "avalanche", context => Command(context, "avalanche"));
        registry.Add("task", "reload_input", ReloadInput);
    }

    private static PyDict Command(HandlerContext context, string command)
    {
        var (code, message) = TaskCommands.Send(context.World, context.Long("task_id") ?? 0, context.Caller, command, context.Now);
        return Envelope.Of(code == TaskCommands.Accepted, message, (long)code);
    }

    private static PyDict Kill(HandlerContext context)
    {
        var taskId = context.Long("task_id") ?? 0;
        var (code, message) = TaskCommands.Send(context.World, taskId, context.Caller, "kill", context.Now);
        if (code == TaskCommands.Accepted && context.World.FindTask(taskId) is { } task)
        {
            TaskCommands.CancelJobs(context.World, task, UserIds.Clean(context.Caller.Dn ?? ""), context.Now);
        }
        return Envelope.Of(code == TaskCommands.Accepted, message, (long)code);
    }

    private static PyDict Finish(HandlerContext context)
    {
        var qualifier = context.Truthy("soft") ? "soft" : null;
        var (code, message) = TaskCommands.Send(context.World, context.Long("task_id") ?? 0, context.Caller, "finish", context.Now, qualifier: qualifier);
        return Envelope.Of(code == TaskCommands.Accepted, message, (long)code);
    }

    private static PyDict Reassign(HandlerContext context)
    {
        var site = context.String("site");
        var cloud = context.String("cloud");
        var nucleus = context.String("nucleus");
        var mode = context.String("mode");
        // make_reassign_comment
        var comment = site is not null ? $"site:{site}:y" : (nucleus is not null ? $"nucleus:{nucleus}" : $"cloud:{cloud ?? "None"}") + ":n";
        comment += mode switch { "nokill" => ":nokill reassign", "soft" => ":soft reassign", _ => "" };
        var (code, message) = TaskCommands.Send(context.World, context.Long("task_id") ?? 0, context.Caller, "reassign", context.Now, comment,
            apply: task => task with
            {
                Site = site ?? task.Site,
                Cloud = cloud ?? task.Cloud,
                Nucleus = nucleus ?? task.Nucleus,
            });
        return Envelope.Of(code == TaskCommands.Accepted, message, (long)code);
    }

    private static PyDict ReloadInput(HandlerContext context)
    {
        var ignore = context.Truthy("ignore_hard_exhausted") && context.Caller.IsProduction;
        var comment = ignore ? "[{}, [\"ignore_hard_exhausted\"]]" : "[{}, []]";
        var (code, message) = TaskCommands.Send(context.World, context.Long("task_id") ?? 0, context.Caller, "incexec", context.Now, comment);
        return Envelope.Of(code == TaskCommands.Accepted, message, (long)code);
    }

    /// <summary>retry: success is always true; the return code in data tells the outcome.</summary>
    private static PyDict Retry(HandlerContext context)
    {
        var world = context.World;
        var taskId = context.Long("task_id") ?? 0;
        var newParameters = context["new_parameters"];
        (int Code, string Message) result;
        if (PyOps.Truthy(newParameters))
        {
            result = RetryWithNewParameters(context, taskId, newParameters);
        }
        else
        {
            var qualifiers = new List<string>();
            if (context.Truthy("no_child_retry"))
            {
                qualifiers.Add("sole");
            }
            if (context.Truthy("discard_events"))
            {
                qualifiers.Add("discard");
            }
            if (context.Truthy("disable_staging_mode"))
            {
                qualifiers.Add("staged");
            }
            if (context.Truthy("keep_gshare_priority"))
            {
                qualifiers.Add("keep");
            }
            if (context.Truthy("ignore_hard_exhausted") && context.Caller.IsProduction)
            {
                qualifiers.Add("transcend");
            }
            result = TaskCommands.Send(world, taskId, context.Caller, "retry", context.Now, qualifier: string.Join(' ', qualifiers));
        }
        if (result.Code == TaskCommands.RetryFailedJobs)
        {
            // the task is still active: its failed jobs get another attempt
            if (world.FindTask(taskId) is { } task)
            {
                foreach (var job in world.JobsOf(task).Where(j => j.JobStatus == "failed"))
                {
                    world.Jobs.Change(job.PandaId, j => j with { MaxAttempt = j.MaxAttempt + 5, ModificationTime = context.Now });
                }
            }
            var text = $"retry has been triggered for failed jobs while the task is still {result.Message}";
            result = PyOps.Truthy(newParameters) ? (3, text) : (0, text);
        }
        return Envelope.Of(true, result.Message, (long)result.Code);
    }

    private static (int Code, string Message) RetryWithNewParameters(HandlerContext context, long taskId, object? newParameters)
    {
        if (newParameters is string text)
        {
            // json.loads outside PanDA's try: a bad string is an HTTP 500
            newParameters = ParseJsonOrThrow(text);
        }
        if (context.World.FindTask(taskId) is not { } task)
        {
            return (1, "new parameter conversion failed with the JSON object must be str, bytes or bytearray, not NoneType");
        }
        if (newParameters is not PyDict changes)
        {
            var reason = newParameters is PyList
                ? "dictionary update sequence element #0 has length 1; 2 is required"
                : $"'{PyOps.TypeName(newParameters)}' object is not iterable";
            return (1, $"new parameter conversion failed with {reason}");
        }
        var merged = TaskViews.Parameters(task);
        foreach (var (key, value) in changes)
        {
            merged[key] = value;
        }
        return TaskSubmission.Insert(context, merged, task.ParentTid == task.JediTaskId ? null : task.ParentTid, allowActiveTask: true);
    }

    private static object? ParseJsonOrThrow(string text)
    {
        try
        {
            return PyJsonParser.Loads(text);
        }
        catch (PyJsonDecodeException e)
        {
            throw PyException.ValueError(e.Message);
        }
    }

    private static PyDict KillUnfinishedJobs(HandlerContext context)
    {
        var world = context.World;
        var user = context.Caller.Dn ?? "";
        if (context.Truthy("use_email_as_id") && context.Caller.UserName is { } name && world.UserEmails.TryGetValue(name, out var email))
        {
            user = email;
        }
        var jobIds = context.Long("task_id") is { } id && world.FindTask(id) is { } task ? task.JobIds : [];
        var results = jobIds.Select(jobId => (object?)JobCommands.Kill(world, jobId, context.Caller, UserIds.Clean(user), context.Long("code"), context.Now));
        return Envelope.Ok(new PyList(results));
    }
}
