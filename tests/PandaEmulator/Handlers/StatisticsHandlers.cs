using PandaEmulator.Api;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>
/// The statistics endpoints (<c>statistics_api.py</c>): the grid's background counts plus the emulator's own
/// jobs, so killing jobs moves the numbers.
/// </summary>
internal sealed class StatisticsHandlers : IHandlerModule
{
    private const int MaxTimeWindow = 60 * 24 * 7;
    private const string TimeWindowMessage = "Parameter \"time_window\" needs to be a positive integer smaller than 10080 min (7 days)";
    private static readonly string[] ActiveStates = ["assigned", "activated", "running"];
    private static readonly string[] WindowStates = ["assigned", "activated", "running", "finished", "failed"];

    public void Register(HandlerRegistry registry)
    {
        registry.Add("statistics", "job_stats_by_cloud", JobStatsByCloud);
        registry.Add("statistics", "production_job_stats_by_cloud_and_processing_type", ProductionStatsByCloudAndProcessingType);
        registry.Add("statistics", "active_job_stats_by_site", ActiveStatsBySite);
        registry.Add("statistics", "active_job_detailed_stats_by_site", ActiveDetailedStatsBySite);
        registry.Add("statistics", "job_stats_by_site_and_resource_type", StatsBySiteAndResourceType);
        registry.Add("statistics", "job_stats_by_site_share_and_resource_type", StatsBySiteShareAndResourceType);
    }

    private static IEnumerable<JobCountRow> Rows(World world) => world.BackgroundJobs.Concat(world.Jobs.Values.Select(j =>
        new JobCountRow(j.ComputingSite, j.Cloud, j.ProdSourceLabel, j.Gshare, j.ResourceType, j.ProcessingType, j.JobStatus, 1)));

    private static bool IsActive(JobCountRow row) => row.JobStatus is not ("finished" or "failed" or "cancelled" or "closed");

    private static PyDict JobStatsByCloud(HandlerContext context)
    {
        var type = context.String("type");
        if (type is not ("production" or "analysis"))
        {
            return Envelope.Of(false, "Parameter \"type\" needs to be either \"production\" or \"analysis\" ", new PyDict());
        }
        var labels = type == "analysis" ? new[] { "user", "panda" } : new[] { "managed", "test", "ptest", "rc_test", "rc_test2", "rc_alrb" };
        var result = Aggregate(Rows(context.World).Where(r => labels.Contains(r.ProdSourceLabel)), r => [r.Cloud, r.JobStatus]);
        return Answer(result);
    }

    private static PyDict ProductionStatsByCloudAndProcessingType(HandlerContext context) =>
        Answer(Aggregate(Rows(context.World).Where(r => r.ProdSourceLabel == "managed"), r => [r.Cloud, r.ProcessingType, r.JobStatus]));

    private static PyDict ActiveStatsBySite(HandlerContext context)
    {
        var result = Aggregate(Rows(context.World).Where(r => IsActive(r) && r.JobStatus != "merging"), r => [r.Site, r.JobStatus]);
        foreach (var (_, statuses) in result)
        {
            Fill((PyDict)statuses!, ActiveStates);
        }
        return Answer(result, "Database failure getting the job statistics");
    }

    private static PyDict ActiveDetailedStatsBySite(HandlerContext context)
    {
        var result = Aggregate(Rows(context.World).Where(r => IsActive(r) && r.JobStatus != "merging"), r => [r.Site, r.ResourceType, r.ProdSourceLabel, r.JobStatus]);
        foreach (var (_, resources) in result)
        {
            foreach (var (_, labels) in (PyDict)resources!)
            {
                foreach (var (_, statuses) in (PyDict)labels!)
                {
                    Fill((PyDict)statuses!, ActiveStates);
                }
            }
        }
        return Answer(result, "Database failure getting the job statistics with resource_type and prodsourcelabel");
    }

    private static PyDict StatsBySiteAndResourceType(HandlerContext context)
    {
        if (!ValidWindow(context["time_window"]))
        {
            return Envelope.Of(false, TimeWindowMessage, new PyDict());
        }
        var result = Aggregate(Rows(context.World), r => [r.Site, r.ResourceType, r.JobStatus]);
        foreach (var (_, resources) in result)
        {
            foreach (var (_, statuses) in (PyDict)resources!)
            {
                Fill((PyDict)statuses!, WindowStates);
            }
        }
        return Answer(result);
    }

    private static PyDict StatsBySiteShareAndResourceType(HandlerContext context)
    {
        if (!ValidWindow(context["time_window"]))
        {
            return Envelope.Of(false, TimeWindowMessage, new PyDict());
        }
        var world = context.World;
        // PanDA labels each share with the prodSourceLabel of the leaf share (unknown shares: "unknown").
        var result = Aggregate(Rows(world), r => [r.Site, world.LeafShares.GetValueOrDefault(r.Gshare, "unknown"), r.ResourceType, r.JobStatus]);
        foreach (var (_, labels) in result)
        {
            foreach (var (_, resources) in (PyDict)labels!)
            {
                foreach (var (_, statuses) in (PyDict)resources!)
                {
                    Fill((PyDict)statuses!, WindowStates);
                }
            }
        }
        return Answer(result);
    }

    private static bool ValidWindow(object? window) =>
        window is null || (PyOps.IsInt(window) && PyOps.AsLong(window) is >= 0 and <= MaxTimeWindow);

    private static PyDict Answer(PyDict data, string failure = "Database failure getting the job statistics") =>
        data.Count > 0 ? Envelope.Ok(data) : Envelope.Of(false, failure, data);

    /// <summary>Sums counts into nested dicts keyed by the given path (the last key holds the count).</summary>
    private static PyDict Aggregate(IEnumerable<JobCountRow> rows, Func<JobCountRow, string[]> path)
    {
        var result = new PyDict();
        foreach (var row in rows.OrderBy(r => r.Site, StringComparer.Ordinal))
        {
            var keys = path(row);
            var level = result;
            for (var i = 0; i < keys.Length - 1; i++)
            {
                if (level[keys[i]] is not PyDict next)
                {
                    next = new PyDict();
                    level[keys[i]] = next;
                }
                level = next;
            }
            level[keys[^1]] = (PyOps.AsLong(level[keys[^1]]) ?? 0) + row.Count;
        }
        return result;
    }

    private static void Fill(PyDict statuses, IEnumerable<string> states)
    {
        foreach (var state in states)
        {
            if (!statuses.ContainsKey(state))
            {
                statuses[state] = 0L;
            }
        }
    }
}
