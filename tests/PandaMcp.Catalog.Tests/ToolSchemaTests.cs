using System.Text.Json;
using PandaMcp.Catalog;

namespace PandaMcp.Catalog.Tests;

public sealed class ToolSchemaTests
{
    private static readonly PandaCatalog Catalog = PandaCatalog.LoadEmbedded();

    private static JsonElement Schema(string module, string function) => ToolSchema.Build(Catalog.Find(module, function)!);

    private static string Type(JsonElement schema, string parameter) =>
        schema.GetProperty("properties").GetProperty(parameter).GetProperty("type").GetRawText();

    [Fact]
    public void Build_MapsEachAnnotationToItsJsonType()
    {
        Assert.Equal("\"string\"", Type(Schema("task", "change_split_rule"), "value"));
        Assert.Equal("\"integer\"", Type(Schema("task", "change_priority"), "priority"));
        Assert.Equal("\"boolean\"", Type(Schema("task", "get_details"), "include_parameters"));
        Assert.Equal("[\"number\",\"null\"]", Type(Schema("event", "update_single_event_range"), "cpu_consumption_time"));
        Assert.Equal("\"object\"", Type(Schema("task", "submit"), "task_parameters"));
        Assert.Equal("\"array\"", Type(Schema("harvester", "update_workers"), "workers"));
    }

    [Fact]
    public void Build_GivesListsTheirItemType()
    {
        var jobIds = Schema("job", "get_status").GetProperty("properties").GetProperty("job_ids");
        Assert.Equal("\"array\"", jobIds.GetProperty("type").GetRawText());
        Assert.Equal("\"integer\"", jobIds.GetProperty("items").GetProperty("type").GetRawText());
    }

    [Fact]
    public void Build_MakesUnionsWithNoneNullable()
    {
        var schema = Schema("data_carousel", "change_staging_source");
        Assert.Equal("[\"integer\",\"null\"]", Type(schema, "request_id"));
        Assert.Equal("[\"string\",\"null\"]", Type(schema, "source_rse"));
        Assert.Equal("[\"string\",\"object\",\"null\"]", Type(Schema("task", "retry"), "new_parameters"));
        Assert.Equal("[\"integer\",\"null\"]", Type(Schema("job", "kill"), "code"));
    }

    [Fact]
    public void Build_AcceptsStringOrNumber_ForUnannotatedParameters()
    {
        Assert.Equal("[\"string\",\"number\"]", Type(Schema("task", "get_status"), "task_id"));
    }

    [Fact]
    public void Build_ListsRequiredAndShowsDefaults()
    {
        var schema = Schema("job", "get_status");
        Assert.Equal("[\"job_ids\"]", schema.GetProperty("required").GetRawText());
        Assert.Equal(60, schema.GetProperty("properties").GetProperty("timeout").GetProperty("default").GetInt32());
        var datasets = Schema("task", "get_datasets_and_files").GetProperty("properties").GetProperty("dataset_types");
        Assert.Equal(["input", "pseudo_input"], datasets.GetProperty("default").EnumerateArray().Select(e => e.GetString()));
        Assert.False(Schema("system", "is_alive").TryGetProperty("required", out _));
    }

    [Fact]
    public void Build_RefusesOtherProperties_ExceptForKeywordCatchAlls()
    {
        Assert.False(Schema("task", "kill").GetProperty("additionalProperties").GetBoolean());
        Assert.True(Schema("system", "get_attributes").GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Build_DescribesEveryProperty()
    {
        foreach (var endpoint in Catalog.Endpoints)
        {
            foreach (var property in ToolSchema.Build(endpoint).GetProperty("properties").EnumerateObject())
            {
                Assert.False(string.IsNullOrWhiteSpace(property.Value.GetProperty("description").GetString()), $"{endpoint.Path}.{property.Name}");
            }
        }
    }
}
