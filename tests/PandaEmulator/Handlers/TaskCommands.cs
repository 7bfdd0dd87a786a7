using PandaEmulator.Auth;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>
/// PanDA's <c>sendCommandTaskPanda</c>: checks the command against the task's status and registers it for
/// JEDI, with PanDA's return codes and messages. Where the real JEDI applies the command minutes later, the
/// emulator moves the task at once to the status JEDI passes through (kill: aborting, finish: finishing...).
/// </summary>
internal static class TaskCommands
{
    public const int Accepted = 0;
    public const int NotFound = 2;
    public const int Rejected = 4;
    public const int RetryFailedJobs = 5;

    private static readonly HashSet<string> KillableEnd = ["finished", "done", "prepared", "broken", "aborted", "toabort", "aborting", "failed"];

    public static (int Code, string Message) Send(World world, long taskId, Caller caller, string command, DateTime now,
        string? comment = null, string? qualifier = null, Func<TaskRecord, TaskRecord>? apply = null)
    {
        var compactDn = caller.Dn is null ? "" : UserIds.Clean(caller.Dn);
        var production = caller.IsProduction;
        return world.Tasks.Update<(int, string)>(taskId, task =>
        {
            if (task is null)
            {
                return (null, (NotFound, $"jediTaskID={taskId} not found"));
            }
            var (allowed, extra) = Allowed(command, task.Status, production, comment);
            if (!allowed)
            {
                if (command == "retry" && task.Status is "running" or "scouting" or "pending" && task.IsUserTask)
                {
                    return (null, (RetryFailedJobs, task.Status));
                }
                return (null, (Rejected, $"Command rejected: the {command} command is not accepted if the task is in {task.Status} status {extra}"));
            }
            var registered = comment ?? $"{(qualifier is { Length: > 0 } ? qualifier + " " : "")}{command} by {compactDn}";
            var next = (apply ?? (t => Transition(t, command, now)))(task) with { PendingCommand = registered, ModificationTime = now };
            return (next, (Accepted, $"command={command} is registered for task ID {taskId}. will be executed in a few minutes"));
        });
    }

    /// <summary><c>_check_command_allowed</c>.</summary>
    private static (bool Allowed, string Extra) Allowed(string command, string status, bool production, string? comment) => command switch
    {
        "kill" or "finish" when KillableEnd.Contains(status) => (false, ""),
        "retry" when status is not ("finished" or "failed" or "exhausted") => (false, ""),
        "retry" when status == "exhausted" && !production => (false, "and production role is missing"),
        "incexec" when status is not ("finished" or "failed" or "aborted" or "done" or "exhausted") => (false, ""),
        // a reassignment to a site goes back to the old status (":y") and is allowed in any status
        "reassign" when !(comment?.StartsWith("site:", StringComparison.Ordinal) ?? false)
            && status is not ("defined" or "ready" or "running" or "scouting" or "scouted" or "pending" or "assigning" or "exhausted") => (false, ""),
        "pause" when status is "finished" or "failed" or "done" or "aborted" or "broken" or "paused" => (false, ""),
        "resume" when status is not ("paused" or "throttled" or "staging") => (false, ""),
        "avalanche" when status != "scouting" => (false, ""),
        "release" when status is not ("scouting" or "pending" or "running" or "ready" or "assigning" or "defined") => (false, ""),
        _ => (true, ""),
    };

    /// <summary>The status JEDI moves the task to when it picks the command up.</summary>
    private static TaskRecord Transition(TaskRecord task, string command, DateTime now) => command switch
    {
        "kill" => task.WithStatus("aborting", now),
        "finish" => task.WithStatus("finishing", now),
        "retry" => task.WithStatus("toretry", now) with { AttemptNr = task.AttemptNr + 1, ErrorDialog = null },
        "incexec" => task.WithStatus("toincexec", now),
        "pause" => task.WithStatus("paused", now),
        "resume" => task.WithStatus(task.OldStatus is { } old && old != "paused" ? old : "running", now),
        "avalanche" => task.WithStatus("running", now),
        "release" when task.Status == "pending" => task.WithStatus("ready", now),
        _ => task,
    };

    /// <summary>JEDI aborting a task kills its unfinished jobs.</summary>
    public static void CancelJobs(World world, TaskRecord task, string user, DateTime now)
    {
        foreach (var jobId in task.JobIds)
        {
            world.Jobs.Update<bool>(jobId, job => job is null || job.IsFinal
                ? (null, false)
                : (JobCommands.Cancelled(job, now, 100, $"killed by {user}"), true));
        }
    }
}
