using System.Text.Json;
using System.Text.Json.Nodes;

namespace PandaMcp.Catalog;

/// <summary>The JSON Schema of an endpoint's arguments, built from the parameters' annotations.</summary>
public static class ToolSchema
{
    public static JsonElement Build(PandaEndpoint endpoint)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        var acceptsKeywords = false;
        foreach (var parameter in endpoint.Parameters)
        {
            if (parameter.IsKeywords)
            {
                acceptsKeywords = true;
                continue;
            }
            var property = TypeSchema(parameter.Type);
            if (parameter.Description.Length > 0)
            {
                property["description"] = parameter.Description;
            }
            if (parameter.HasDefault)
            {
                property["default"] = JsonNode.Parse(parameter.Default.GetRawText());
            }
            properties[parameter.Name] = property;
            if (parameter.Required)
            {
                required.Add(parameter.Name);
            }
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Count > 0)
        {
            schema["required"] = required;
        }
        schema["additionalProperties"] = acceptsKeywords;
        return JsonSerializer.SerializeToElement(schema);
    }

    private static JsonObject TypeSchema(ParameterType type)
    {
        var names = JsonKindsText.SchemaNames(type.Kinds).ToList();
        var schema = new JsonObject
        {
            ["type"] = names.Count == 1 ? names[0] : new JsonArray(names.Select(n => (JsonNode)n).ToArray()),
        };
        if (type.Items is { } items)
        {
            schema["items"] = TypeSchema(items);
        }
        if (type.IsFile)
        {
            schema["contentMediaType"] = "application/octet-stream";
        }
        return schema;
    }
}
