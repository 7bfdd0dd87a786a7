using System.Globalization;
using System.Text.RegularExpressions;
using PandaEmulator.Api;
using PandaEmulator.Auth;
using PandaEmulator.Python;
using PandaEmulator.State;

namespace PandaEmulator.Handlers;

/// <summary>The task endpoints that read (<c>task_api.py</c>).</summary>
internal sealed partial class TaskQueryHandlers : IHandlerModule
{
    private const string MessageTaskId = "jediTaskID must be an integer";

    public void Register(HandlerRegistry registry)
    {
        registry.Add("task", "get_status", GetStatus);
        registry.Add("task", "get_details", GetDetails);
        registry.Add("task", "get_jumbo_job_datasets", GetJumboJobDatasets);
        registry.Add("task", "get_tasks_modified_since", GetTasksModifiedSince);
        registry.Add("task", "get_tasks_detailed_info_since", GetTasksDetailedInfoSince);
        registry.Add("task", "get_datasets_and_files", GetDatasetsAndFiles);
        registry.Add("task", "get_job_ids", GetJobIds);
        registry.Add("task", "get_task_parameters", GetTaskParameters);
        registry.Add("task", "get_detailed_info", GetDetailedInfo);
        registry.Add("task", "get_parent_detailed_info", GetParentDetailedInfo);
        registry.Add("task", "get_job_descriptions", GetJobDescriptions);
    }

    /// <summary>task_id is unannotated, so it arrives as the query's str and PanDA calls int() on it.</summary>
    private static PyDict GetStatus(HandlerContext context)
    {
        object taskId;
        try
        {
            taskId = PyOps.Int(context["task_id"]);
        }
        catch (PyException e) when (e.PythonType == "ValueError")
        {
            return Envelope.Fail(MessageTaskId);
        }
        return PyOps.AsLong(taskId) is { } id && context.World.FindTask(id) is { } task
            ? Envelope.Ok(task.Status)
            : Envelope.Fail("Task not found");
    }

    private static PyDict GetDetails(HandlerContext context)
    {
        var task = context.Long("task_id") is { } id ? context.World.FindTask(id) : null;
        var includeStatus = context.Truthy("include_status");
        if (task is null)
        {
            // Without the status query PanDA's digest of an unknown task is an empty (truthy) dict.
            return includeStatus
                ? Envelope.Fail("Task not found or error retrieving the details")
                : Envelope.Ok(EmptyDigest());
        }
        var details = TaskViews.Digest(task, context.World);
        if (includeStatus)
        {
            details["status"] = task.Status;
        }
        if (context.Truthy("include_parameters"))
        {
            details["cliParams"] = TaskViews.Parameters(task)["cliParams"] ?? "";
        }
        return Envelope.Ok(details);
    }

    private static PyDict EmptyDigest() => new()
    {
        { "inDS", "" },
        { "outDS", "" },
        { "statistics", "" },
        { "PandaID", new PyList() },
        { "mergeStatus", null },
        { "mergePandaID", new PyList() },
    };

    private static PyDict GetJumboJobDatasets(HandlerContext context)
    {
        var days = context.Long("from_offset") ?? 0;
        var grace = context.Long("to_offset") ?? 0;
        var result = new PyDict();
        foreach (var task in context.World.Tasks.Values.Where(t => t.UseJumbo is not null
                     && t.ModificationTime >= context.Now.AddDays(-days) && t.ModificationTime <= context.Now.AddDays(-grace))
                     .OrderBy(t => t.JediTaskId))
        {
            result[task.JediTaskId] = new PyDict
            {
                { "status", task.Status },
                { "datasets", new PyList(task.Datasets.Where(d => d.IsInput).Select(d => (object?)d.Name)) },
            };
        }
        return Envelope.Ok(result);
    }

    private static PyDict GetTasksModifiedSince(HandlerContext context)
    {
        var dn = context.String("dn");
        var user = string.IsNullOrEmpty(dn) ? context.Caller.UserName : UserIds.Clean(dn);
        var result = new PyDict();
        var since = SinceFormat().Match(context.String("since") ?? "");
        if (user is null or "" or "NULL" or "None" || !since.Success)
        {
            return Envelope.Ok(result);
        }
        DateTime from;
        try
        {
            int Part(int group) => int.Parse(since.Groups[group].Value, CultureInfo.InvariantCulture);
            from = new DateTime(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            // datetime() refuses it and PanDA does not catch that
            throw PyException.ValueError("day is out of range for month");
        }
        var floor = context.Now.AddDays(-30);
        from = from < floor ? floor : from;
        var label = context.String("prod_source_label");
        var minTaskId = context.Long("min_task_id");
        var full = context.Truthy("full");
        foreach (var task in context.World.Tasks.Values
                     .Where(t => t.UserName == user && t.ModificationTime >= from && t.ProdSourceLabel == label && (minTaskId is null || t.JediTaskId > minTaskId))
                     .OrderBy(t => t.JediTaskId)
                     .Take(full ? 500 : int.MaxValue))
        {
            var entry = new PyDict
            {
                { "jediTaskID", task.JediTaskId },
                { "modificationTime", task.ModificationTime },
                { "status", task.Status },
                { "processingType", task.ProcessingType },
                { "transUses", task.TransUses },
                { "transHome", task.TransHome },
                { "architecture", task.Architecture },
                { "reqID", task.ReqId },
                { "creationDate", task.CreationDate },
                { "site", task.Site },
                { "cloud", task.Cloud },
                { "taskName", task.TaskName },
            };
            if (full)
            {
                foreach (var (key, value) in TaskViews.Digest(task, context.World))
                {
                    entry[key] = value;
                }
            }
            // PanDA keys the answer by reqID.
            result[task.ReqId is { } reqId ? reqId : "None"] = entry;
        }
        return Envelope.Ok(result);
    }

    private static PyDict GetTasksDetailedInfoSince(HandlerContext context)
    {
        var user = context.Caller.UserName;
        var criteria = new PyDict();
        var patterns = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.String("filters") is { Length: > 0 } filters)
        {
            object? parsed;
            try
            {
                parsed = PyJsonParser.Loads(filters);
            }
            catch (PyJsonDecodeException)
            {
                return Envelope.Fail("filters is not valid JSON");
            }
            if (parsed is not PyDict filterDict)
            {
                return Envelope.Fail("filters must be a JSON object");
            }
            foreach (var (key, value) in filterDict)
            {
                var text = PyOps.Str(value);
                if (text.IndexOfAny("^$*+?\\|()".ToCharArray()) >= 0)
                {
                    patterns[(string)key] = text;
                }
                else
                {
                    criteria[key] = value;
                }
            }
        }
        var since = context.String("since") is { } sinceText && DateTime.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedSince)
            ? parsedSince
            : DateTime.MinValue;
        var limit = context.Long("n_tasks") ?? 500;
        var result = new PyList();
        foreach (var task in context.World.Tasks.Values.Where(t => t.UserName == user && t.ModificationTime >= since)
                     .OrderByDescending(t => t.JediTaskId).Take((int)Math.Max(0, limit)))
        {
            var details = TaskViews.DetailedInfo(task);
            if (criteria.All(c => details.ContainsKey(c.Key) && PyOps.Equal(details[c.Key], c.Value))
                && patterns.All(p => !details.ContainsKey(p.Key) || SafeMatch(p.Value, PyOps.Str(details[p.Key]))))
            {
                result.Add(details);
            }
        }
        return Envelope.Ok(result);
    }

    private static bool SafeMatch(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromMilliseconds(50));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// task_id is unannotated (a str). The database compares it as a number: text that is no number is a
    /// database error. dataset_only is accepted but PanDA never passes it on, so files always come back.
    /// </summary>
    private static PyDict GetDatasetsAndFiles(HandlerContext context)
    {
        if (!decimal.TryParse(PyOps.Str(context["task_id"]).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return Envelope.Fail("Database exception while gathering files");
        }
        var types = context["dataset_types"] switch
        {
            PyList list => list.Select(PyOps.Str).ToList(),
            PyTuple tuple => tuple.Items.Select(PyOps.Str).ToList(),
            string text => text.Split(',').ToList(),
            _ => [],
        };
        var task = number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue
            ? context.World.FindTask((long)number)
            : null;
        var data = task is null ? new PyList() : TaskViews.DatasetsAndFiles(task, types);
        return data.Count == 0 ? Envelope.Fail("No data found for the task") : Envelope.Ok(data);
    }

    private static PyDict GetJobIds(HandlerContext context) =>
        Envelope.Ok(context.Long("task_id") is { } id && context.World.FindTask(id) is { } task
            ? new PyList(task.JobIds.Select(j => (object?)j))
            : new PyList());

    private static PyDict GetTaskParameters(HandlerContext context) =>
        context.Long("task_id") is { } id && context.World.FindTask(id) is { } task
            ? Envelope.Ok(TaskViews.Parameters(task))
            : Envelope.Fail("Task not found");

    private static PyDict GetDetailedInfo(HandlerContext context) =>
        context.Long("task_id") is { } id && context.World.FindTask(id) is { } task
            ? Envelope.Ok(TaskViews.DetailedInfo(task))
            : Envelope.Fail("Task not found or error retrieving task info");

    private static PyDict GetParentDetailedInfo(HandlerContext context)
    {
        var child = context.Long("task_id") is { } id ? context.World.FindTask(id) : null;
        if (child is null)
        {
            return Envelope.Fail("Child task not found");
        }
        if (child.ParentTid is not { } parentId || parentId == child.JediTaskId)
        {
            return Envelope.Fail("No parent task found");
        }
        return context.World.FindTask(parentId) is { } parent
            ? Envelope.Ok(TaskViews.DetailedInfo(parent))
            : Envelope.Fail("Parent task not found");
    }

    private static PyDict GetJobDescriptions(HandlerContext context)
    {
        var task = context.Long("task_id") is { } id ? context.World.FindTask(id) : null;
        if (task is null)
        {
            return Envelope.Ok(new PyList());
        }
        var unsuccessful = context.Truthy("unsuccessful_only");
        var jobs = context.World.JobsOf(task)
            .Where(j => !unsuccessful || j.JobStatus is "failed" or "cancelled" or "closed")
            .Select(j => (object?)JobViews.ToDictAdvanced(j, addExtraInfo: true));
        return Envelope.Ok(new PyList(jobs));
    }

    [GeneratedRegex(@"^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)$")]
    private static partial Regex SinceFormat();
}
