using System.Text;
using System.Text.Json;
using PandaMcp.Catalog;

namespace PandaMcp.CatalogGenerator.Tests;

/// <summary>The generated folder is a catalog the gateway can load and build tools from.</summary>
public sealed class GatewayUseTests(GeneratedCatalog generated) : IClassFixture<GeneratedCatalog>
{
    private PandaCatalog Load() => PandaCatalog.LoadDirectory(generated.OutputDirectory);

    private static void AssertSchema(string expected, PandaEndpoint endpoint)
    {
        var schema = ToolSchema.Build(endpoint);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, schema), $"{endpoint.Path}: {schema}");
    }

    [Fact]
    public void LoadDirectory_ReadsEveryGeneratedModule()
    {
        var catalog = Load();
        Assert.Equal(["creds", "data_carousel", "idds", "job", "shapes", "system", "task"], catalog.Modules.Select(m => m.Module));
        Assert.Equal(23, catalog.Endpoints.Count);
        Assert.Same(catalog.FindModule("creds"), catalog.FindModule("credential_management"));
        Assert.Equal("creds_get_user_secrets", catalog.Find("creds", "get_user_secrets")!.ToolName);
    }

    [Fact]
    public void ToolSchema_IsTheExpectedOne_ForGeneratedEndpoints()
    {
        var catalog = Load();
        AssertSchema("""
            {"type": "object", "properties": {
              "task_id": {"type": "integer", "description": "JEDI task ID"},
              "new_parameters": {"type": ["string", "object", "null"], "default": null,
                "description": "parameters to change for the rerun.\nThey are merged into the existing ones."},
              "no_child_retry": {"type": "boolean", "default": false, "description": "if True, the child tasks are left alone. Defaults to False"},
              "discard_events": {"type": "boolean", "default": false, "description": "if True, processed events are thrown away. Defaults to False"}},
             "required": ["task_id"], "additionalProperties": false}
            """, catalog.Find("task", "retry")!);
        AssertSchema("""
            {"type": "object", "properties": {
              "job_ids": {"type": "array", "items": {"type": "integer"}, "description": "PanDA job IDs"},
              "timeout": {"type": "integer", "default": 60, "description": "the timeout value. Defaults to 60."}},
             "required": ["job_ids"], "additionalProperties": false}
            """, catalog.Find("job", "get_status")!);
        AssertSchema("""
            {"type": "object", "properties": {
              "task_id": {"type": ["string", "number"], "description": "JEDI task ID, taken as text"}},
             "required": ["task_id"], "additionalProperties": false}
            """, catalog.Find("task", "get_status")!);
        AssertSchema("""
            {"type": "object", "properties": {
              "request_id": {"type": ["integer", "null"], "default": null, "description": "ID of the request"},
              "dataset": {"type": ["string", "null"], "default": null, "description": "dataset name"},
              "cancel_fts": {"type": "boolean", "default": false, "description": "cancel the FTS transfers too"},
              "source_rse": {"type": ["string", "null"], "default": null, "description": "the new source RSE"}},
             "additionalProperties": false}
            """, catalog.Find("data_carousel", "change_staging_source")!);
        AssertSchema("""{"type": "object", "properties": {}, "additionalProperties": true}""", catalog.Find("system", "get_attributes")!);
        AssertSchema("""{"type": "object", "properties": {}, "additionalProperties": false}""", catalog.Find("system", "is_alive")!);
    }

    [Fact]
    public void ToolSchema_Builds_ForEveryEndpointWithoutAWarnedAnnotation()
    {
        var catalog = Load();
        Assert.All(catalog.Endpoints.Where(e => e.Path != "shapes/wrapped_annotation"), e => ToolSchema.Build(e));
        Assert.Throws<FormatException>(() => ToolSchema.Build(catalog.Find("shapes", "wrapped_annotation")!));
    }

    [Fact]
    public void EndpointList_SelectsGeneratedEndpoints_ByPandasListKeys()
    {
        var list = """{"credential_management": ["get_user_secrets"], "job": ["kill"]}""";
        var selected = EndpointList.Select(Load(), new MemoryStream(Encoding.UTF8.GetBytes(list)), "list.json");
        Assert.Equal(["creds_get_user_secrets", "job_kill", "system_is_alive"], selected.Select(e => e.ToolName));
    }

    [Fact]
    public void ArgumentCheck_SendsAnUnannotatedNumber_AsText()
    {
        var arguments = new Dictionary<string, JsonElement> { ["task_id"] = JsonDocument.Parse("42").RootElement };
        Assert.Equal("""{"task_id":"42"}""", ArgumentCheck.Run(Load().Find("task", "get_status")!, arguments).ArgumentsJson);
    }
}
