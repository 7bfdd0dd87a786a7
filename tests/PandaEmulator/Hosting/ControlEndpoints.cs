using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PandaEmulator.Faults;
using PandaEmulator.Python;
using PandaEmulator.Recording;
using PandaEmulator.State;

namespace PandaEmulator.Hosting;

/// <summary>
/// The emulator's own routes under <c>/_emulator</c>: faults, the record of received requests, the state of
/// tasks, jobs and data carousel requests, and a reset to the seeded state.
/// </summary>
internal static class ControlEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void MapEmulatorControl(this WebApplication app)
    {
        var group = app.MapGroup("/_emulator");
        group.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Current, Json));
        group.MapPost("/faults", SetFaultsAsync);
        group.MapGet("/requests", (RequestRecorder recorder, string? route) =>
            Results.Json(new JsonArray(recorder.Snapshot().Where(r => route is null || r.Route == route).Select(ToJson).ToArray()), Json));
        group.MapDelete("/requests", (RequestRecorder recorder) =>
        {
            recorder.Clear();
            return Results.NoContent();
        });
        group.MapGet("/state/tasks/{id:long}", (long id, EmulatorState state) =>
            state.World.FindTask(id) is { } task ? Results.Json(task, Json) : Results.NotFound());
        group.MapGet("/state/jobs/{id:long}", (long id, EmulatorState state) =>
            state.World.FindJob(id) is { } job ? Results.Json(job, Json) : Results.NotFound());
        group.MapGet("/state/carousel/{id:long}", (long id, EmulatorState state) =>
            state.World.CarouselRequests.Find(id) is { } request ? Results.Json(request, Json) : Results.NotFound());
        group.MapGet("/state/harvester-commands", (EmulatorState state) =>
            Results.Json(state.World.HarvesterCommands.Values.OrderBy(c => c.CommandId), Json));
        group.MapPost("/reset", (EmulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
    }

    private static async Task<IResult> SetFaultsAsync(HttpRequest request, FaultInjector faults)
    {
        FaultSettings? settings;
        try
        {
            settings = await request.ReadFromJsonAsync<FaultSettings>(Json, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return Results.BadRequest(new { error = $"Fault settings are not valid JSON of the expected shape: {e.Message}" });
        }
        var problems = faults.Replace(settings ?? FaultSettings.None);
        return problems.Count == 0 ? Results.Json(faults.Current, Json) : Results.BadRequest(new { error = string.Join(' ', problems) });
    }

    private static JsonObject ToJson(RecordedRequest request) => new()
    {
        ["sequence"] = request.Sequence,
        ["time"] = request.Time,
        ["method"] = request.Method,
        ["route"] = request.Route,
        ["path"] = request.Path,
        ["query"] = request.Query,
        ["headers"] = new JsonObject(request.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))),
        ["arguments"] = PyValues.ToJsonNode(request.Arguments),
        ["contentType"] = request.ContentType,
        ["status"] = request.Status,
        ["fault"] = request.Fault,
    };
}
