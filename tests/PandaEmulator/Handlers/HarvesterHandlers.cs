using System.Globalization;
using PandaEmulator.Api;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>
/// The harvester endpoints (<c>harvester_api.py</c>). Commands added by add_sweep_command and add_target_slots
/// are kept, and acquire_commands hands them out, as PanDA's command table does.
/// </summary>
internal sealed class HarvesterHandlers : IHandlerModule
{
    private const string MessageDatabase = "database error in the PanDA server";

    public void Register(HandlerRegistry registry)
    {
        registry.Add("harvester", "get_worker_statistics", GetWorkerStatistics);
        registry.Add("harvester", "add_sweep_command", AddSweepCommand);
        registry.Add("harvester", "add_target_slots", AddTargetSlots);
        registry.Add("harvester", "acquire_commands", AcquireCommands);
        registry.Add("harvester", "acknowledge_commands", AcknowledgeCommands);
        registry.Add("harvester", "heartbeat", Heartbeat);
        registry.Add("harvester", "get_current_worker_id", _ => Envelope.Ok(0L));
        registry.Add("harvester", "update_workers", UpdateWorkers);
        registry.Add("harvester", "report_worker_statistics", _ => Envelope.Ok(message: "OK"));
    }

    /// <summary>getWorkerStats: site → harvester → job type → resource type → status → count.</summary>
    private static PyDict GetWorkerStatistics(HandlerContext context)
    {
        var result = new PyDict();
        foreach (var row in context.World.WorkerStats)
        {
            var site = Child(result, row.Site);
            var harvester = Child(site, row.HarvesterId);
            var jobType = Child(harvester, row.JobType);
            var resource = Child(jobType, row.ResourceType);
            resource[row.Status] = row.Count;
        }
        return Envelope.Ok(result);
    }

    private static PyDict Child(PyDict parent, string key)
    {
        if (parent[key] is not PyDict child)
        {
            child = new PyDict();
            parent[key] = child;
        }
        return child;
    }

    /// <summary>sweepPQ: queues a KILL_WORKERS command for the harvester serving the queue.</summary>
    private static PyDict AddSweepCommand(HandlerContext context)
    {
        var queue = context.String("panda_queue")!;
        var site = context.World.FindSite(queue);
        if (site is null)
        {
            return Envelope.Fail("Error retrieving queue configuration from DB");
        }
        if (site.HarvesterId is not { } harvesterId)
        {
            return Envelope.Fail("Queue not served by any harvester ID");
        }
        var parameters = new PyDict
        {
            { "status", context["status_list"] },
            { "computingSite", new PyList { queue } },
            { "computingElement", context["ce_list"] },
            { "submissionHost", context["submission_host_list"] },
        };
        AddCommand(context, harvesterId, "KILL_WORKERS", PyJson.Dumps(parameters));
        return Envelope.Ok();
    }

    /// <summary>setNumSlotsForWP: sets (or, with -1, deletes) a slot target; expiration_date is a number of days.</summary>
    private static PyDict AddTargetSlots(HandlerContext context)
    {
        var queue = context.String("panda_queue")!;
        var slots = context.Long("slots") ?? 0;
        var share = context.String("global_share");
        var resource = context.String("resource_type");
        DateTime? expiration = null;
        if (context.String("expiration_date") is { } days)
        {
            if (!int.TryParse(days.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var validDays))
            {
                return Envelope.Fail("database error in the panda server");
            }
            expiration = context.Now.AddDays(validDays);
        }
        var key = $"{queue}|{share}|{resource}";
        if (slots == -1)
        {
            context.World.SlotTargets.TryRemove(key, out _);
        }
        else
        {
            context.World.SlotTargets[key] = new SlotTarget(queue, share, resource, slots, context.Now, expiration);
        }
        if (context.World.FindSite(queue)?.HarvesterId is { } harvesterId)
        {
            AddCommand(context, harvesterId, "SET_N_WORKERS_JOBTYPE", PyJson.Dumps(new PyDict
            {
                { "pandaQueueName", queue },
                { "gshare", share },
                { "resourceType", resource },
                { "numSlots", slots },
            }));
        }
        return Envelope.Ok(message: $"set numSlots={slots} for PQ={queue} gshare={share ?? "None"} resource={resource ?? "None"}");
    }

    private static void AddCommand(HandlerContext context, string harvesterId, string command, string parameters)
    {
        var id = context.World.CommandIds.Next();
        context.World.HarvesterCommands[id] = new HarvesterCommand(id, harvesterId, command, parameters, "new", context.Now, true);
    }

    /// <summary>getCommands: up to n new commands of the harvester, now marked retrieved.</summary>
    private static PyDict AcquireCommands(HandlerContext context)
    {
        var harvesterId = context.String("harvester_id")!;
        var wanted = context.Long("n_commands") ?? 0;
        var commands = new PyList();
        foreach (var command in context.World.HarvesterCommands.Values
                     .Where(c => c.HarvesterId == harvesterId && c.Status == "new").OrderBy(c => c.CommandId).Take((int)Math.Max(0, wanted)))
        {
            if (context.World.HarvesterCommands.TryUpdate(command.CommandId, command with { Status = "retrieved" }, command))
            {
                commands.Add(new PyDict
                {
                    { "command_id", command.CommandId },
                    { "command", command.Command },
                    { "params", PyJsonParser.Loads(command.Parameters) },
                    { "ack_requested", command.AckRequested },
                    { "creation_date", command.CreationDate },
                });
            }
        }
        return Envelope.Ok(commands);
    }

    private static PyDict AcknowledgeCommands(HandlerContext context)
    {
        if (context["command_ids"] is PyList ids)
        {
            foreach (var id in ids.Select(PyOps.AsLong).Where(i => i is not null))
            {
                if (context.World.HarvesterCommands.TryGetValue(id!.Value, out var command))
                {
                    context.World.HarvesterCommands[id.Value] = command with { Status = "acknowledged" };
                }
            }
        }
        return Envelope.Ok();
    }

    private static PyDict Heartbeat(HandlerContext context)
    {
        context.World.HarvesterHeartbeats[context.String("harvester_id")!] = context.Now;
        return Envelope.Ok();
    }

    /// <summary>updateWorkers answers one bool per worker; an empty list is PanDA's database error.</summary>
    private static PyDict UpdateWorkers(HandlerContext context) =>
        context["workers"] is PyList { Count: > 0 } workers
            ? Envelope.Ok(new PyList(workers.Select(_ => (object?)true)))
            : Envelope.Fail(MessageDatabase);
}
