using System.Collections.Immutable;
using PandaEmulator.Api;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>
/// <c>insertTaskParamsPanda</c>: registers new task parameters, creating a task (code 0, "succeeded. new
/// jediTaskID=N"), or, for a user task name already known, refusing (code 2), reactivating (code 3) or updating
/// an active task's parameters (code 5), with PanDA's messages.
/// </summary>
internal static class TaskSubmission
{
    private static readonly string[] FinalStatuses = ["finished", "failed", "aborted", "done", "exhausted"];

    public static (int Code, string Message) Insert(HandlerContext context, PyDict parameters, long? parentTid, bool allowActiveTask)
    {
        var world = context.World;
        var production = context.Caller.IsProduction;
        if (!production || !parameters.ContainsKey("userName"))
        {
            parameters["userName"] = context.UserName;
        }
        if (!production || !parameters.ContainsKey("taskType"))
        {
            parameters["taskType"] = "anal";
            parameters["taskPriority"] = 1000L;
        }
        // JEDI needs these keys; without them its KeyError becomes "failed to register task".
        if (parameters["taskName"] is not string taskName || parameters["vo"] is null || parameters["prodSourceLabel"] is not string label)
        {
            return (4, "failed to register task");
        }
        var userName = PyOps.Str(parameters["userName"]);
        if (parameters["taskType"] as string == "anal" && (PyOps.Equal(parameters["uniqueTaskName"], true) || allowActiveTask)
            && world.Tasks.Values.FirstOrDefault(t => t.TaskName == taskName && t.UserName == userName && t.ProdSourceLabel == label) is { } existing)
        {
            return Resubmit(context, existing, parameters, allowActiveTask);
        }

        var taskId = world.TaskIds.Next();
        var now = context.Now;
        var priority = PyOps.AsLong(parameters["taskPriority"]) ?? 100;
        world.Tasks.TryAdd(taskId, new TaskRecord
        {
            JediTaskId = taskId,
            TaskName = taskName,
            Status = "registered",
            UserName = userName,
            ProdSourceLabel = label,
            TaskType = PyOps.Str(parameters["taskType"]),
            ProcessingType = parameters["processingType"] as string ?? "panda-client-1.5.85-jedi-run",
            TaskPriority = (int)priority,
            CurrentPriority = (int)priority,
            ParentTid = parentTid ?? taskId,
            ReqId = taskId,
            Gshare = label == "user" ? "User Analysis" : Seed.GlobalShare,
            CreationDate = now,
            ModificationTime = now,
            StateChangeTime = now,
            ParametersJson = PyJson.Dumps(parameters),
            Datasets = ImmutableArray<DatasetRecord>.Empty,
        });
        return (0, $"succeeded. new jediTaskID={taskId}");
    }

    private static (int Code, string Message) Resubmit(HandlerContext context, TaskRecord existing, PyDict parameters, bool allowActiveTask)
    {
        var status = existing.Status;
        var activeButAllowed = allowActiveTask && status is "running" or "scouting" or "pending" && existing.IsUserTask;
        if (!FinalStatuses.Contains(status) && !activeButAllowed)
        {
            return (2, $"jediTaskID={existing.JediTaskId} is in the {status} state for outDS={existing.TaskName}. "
                + "You can re-submit the task with new parameters for the same or another input once it goes into finished/failed/done. "
                + "Or you can retry the task once it goes into running/finished/failed/done. "
                + "Note that retry != resubmission according to https://twiki.cern.ch/twiki/bin/view/PanDA/PandaJEDI#Task_retry_and_resubmission ");
        }
        var json = PyJson.Dumps(parameters);
        if (!allowActiveTask || FinalStatuses.Contains(status))
        {
            context.World.Tasks.Change(existing.JediTaskId, t => t.WithStatus("toincexec", context.Now) with { ParametersJson = json });
            return (3, $"reactivation accepted. jediTaskID={existing.JediTaskId} (currently in {status} state) will be re-executed with old and/or new input");
        }
        context.World.Tasks.Change(existing.JediTaskId, t => t with { ParametersJson = json, ModificationTime = context.Now });
        return (5, $"{status}. new tasks params have been set to jediTaskID={existing.JediTaskId}. ");
    }
}
