using PandaEmulator.Api;
using PandaEmulator.Python;

namespace PandaEmulator.Handlers;

/// <summary>
/// Plausible answers for endpoints outside PanDA's MCP list (pilot, event, async_process): enough shape for a
/// client to parse, plus PanDA's known crash in <c>event.update_event_ranges</c>.
/// </summary>
internal sealed class OtherHandlers : IHandlerModule
{
    public void Register(HandlerRegistry registry)
    {
        registry.Add("pilot", "get_job_status", PilotJobStatus);
        registry.Add("pilot", "acquire_jobs", _ => Envelope.Ok(new PyList()));
        registry.Add("event", "get_available_event_range_count", _ => Envelope.Ok(0L));
        registry.Add("event", "acquire_event_ranges", _ => Envelope.Ok(new PyList()));
        // PanDA builds {"Returns", [...], "Commands", {...}}: a set holding a list, which Python refuses.
        registry.Add("event", "update_event_ranges", _ => throw PyException.TypeError("unhashable type: 'list'"));
        registry.Add("async_process", "submit_grep_request", AsyncRequest);
        registry.Add("async_process", "submit_sleep_echo_request", AsyncRequest);
        registry.Add("async_process", "get_result", _ => Envelope.Ok(new PyDict
        {
            { "overall_status", "complete" },
            { "expected_machines", new PyList() },
            { "results", new PyList() },
        }));
    }

    private static PyDict PilotJobStatus(HandlerContext context) => Envelope.Ok(new PyList(context.LongList("job_ids").Select(id =>
        (object?)(context.World.FindJob(id) is { } job
            ? new PyDict { { "job_id", id }, { "status", job.JobStatus }, { "attempt_number", (long)job.AttemptNr } }
            : new PyDict { { "job_id", id }, { "status", "not found" }, { "attempt_number", 0L } }))));

    private static PyDict AsyncRequest(HandlerContext context) => Envelope.Ok(new PyDict { { "request_id", Guid.NewGuid().ToString() } });
}
