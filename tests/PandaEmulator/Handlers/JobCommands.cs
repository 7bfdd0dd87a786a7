using PandaEmulator.Auth;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>Job-level changes as PanDA's DB proxy makes them (<c>killJob</c>).</summary>
internal static class JobCommands
{
    public static JobRecord Cancelled(JobRecord job, DateTime now, int code, string diagnostic) => job with
    {
        JobStatus = "cancelled",
        CommandToPilot = "tobekilled",
        TaskBufferErrorCode = code,
        TaskBufferErrorDiag = diagnostic,
        ModificationTime = now,
        StateChangeTime = now,
        EndTime = now,
    };

    /// <summary>
    /// <c>killJob</c>: true when the job was active and the caller owns it or has the production role (or a
    /// production working group matching the job's).
    /// </summary>
    public static bool Kill(World world, long pandaId, Caller caller, string user, long? code, DateTime now) =>
        world.Jobs.Update<bool>(pandaId, job =>
        {
            if (job is null || job.IsFinal)
            {
                return (null, false);
            }
            var permitted = caller.IsProduction
                || job.ProdUserName == caller.UserName
                || (job.WorkingGroup is { } group && caller.ProductionWorkingGroups.Contains(group));
            if (!permitted)
            {
                return (null, false);
            }
            var reason = code switch
            {
                9 => $"killed by {user} (production manager)",
                91 => $"killed by {user} (ES jobs were killed)",
                _ => $"killed by {user}",
            };
            return (Cancelled(job, now, (int)(code ?? 100), reason), true);
        });
}
