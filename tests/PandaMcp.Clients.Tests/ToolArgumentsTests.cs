using System.Text.Json;
using PandaMcp.TestClient;

namespace PandaMcp.Clients.Tests;

/// <summary>How --kv text becomes JSON: PanDA's True/False rule, then the tool's schema.</summary>
public sealed class ToolArgumentsTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type": "object", "properties": {
            "task_id": {"type": "integer"},
            "any": {},
            "name": {"type": "string"},
            "flag": {"type": "boolean"},
            "ratio": {"type": "number"},
            "ids": {"type": "array", "items": {"type": "integer"}},
            "params": {"type": ["object", "string"]},
            "maybe": {"type": ["integer", "null"]}
        }}
        """).RootElement;

    [Theory]
    [InlineData("task_id", "45012301", "45012301")]
    [InlineData("task_id", "-3", "-3")]
    [InlineData("task_id", "abc", "\"abc\"")]
    [InlineData("maybe", "7", "7")]
    [InlineData("any", "45012301", "45012301")]
    [InlineData("any", "True", "true")]
    [InlineData("any", "False", "false")]
    [InlineData("any", "true", "\"true\"")]
    [InlineData("any", "3.5", "\"3.5\"")]
    [InlineData("unknown", "12", "12")]
    [InlineData("flag", "True", "true")]
    [InlineData("name", "True", "\"True\"")]
    [InlineData("name", "123", "\"123\"")]
    [InlineData("ratio", "0.25", "0.25")]
    [InlineData("ratio", "2", "2")]
    [InlineData("ids", "[1, 2]", "[1, 2]")]
    [InlineData("ids", "[1, 2", "\"[1, 2\"")]
    [InlineData("params", "{\"a\": 1}", "{\"a\": 1}")]
    [InlineData("params", "plain", "\"plain\"")]
    public void Value_BecomesTheJsonTheSchemaAllows(string key, string text, string json)
    {
        var arguments = ToolArguments.Convert([new(key, text)], Schema);

        Assert.Equal(json, arguments[key].GetRawText());
    }

    [Fact]
    public void RepeatedKey_TheLastOneWins()
    {
        var arguments = ToolArguments.Convert([new("task_id", "1"), new("task_id", "2")], Schema);

        Assert.Equal(2, arguments["task_id"].GetInt64());
    }
}
