using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PandaMcp.Contracts;

namespace PandaMcp.Silo.Panda;

/// <summary>Builds the HTTP request for a call the way PanDA's own Python client (requests) sends it.</summary>
public static class PandaRequestEncoder
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    public static HttpRequestMessage Encode(Uri baseUrl, PandaCall call)
    {
        using var arguments = JsonDocument.Parse(call.ArgumentsJson);
        var path = $"{call.Module}/{call.Function}";
        var request = call.Encoding switch
        {
            PandaEncoding.Query => new HttpRequestMessage(new HttpMethod(call.Method), new Uri(baseUrl, path + QueryString(arguments.RootElement)))
            {
                // PanDA's client sends Content-Type: application/json on every request, GETs included.
                Content = JsonContent(""),
            },
            PandaEncoding.Multipart => new HttpRequestMessage(new HttpMethod(call.Method), new Uri(baseUrl, path))
            {
                Content = MultipartForm(arguments.RootElement),
            },
            _ => new HttpRequestMessage(new HttpMethod(call.Method), new Uri(baseUrl, path))
            {
                Content = JsonContent(call.ArgumentsJson),
            },
        };
        request.Headers.Accept.Add(AcceptJson);
        if (call.Credentials.Authorization is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        if (call.Credentials.Origin is { } origin)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        return request;
    }

    private static ByteArrayContent JsonContent(string json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        // Exactly "application/json", no charset: PanDA answers JSON only for that exact value.
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Lists as repeated keys, booleans as True/False, nulls left out: what requests.get(params=...) does.</summary>
    public static string QueryString(JsonElement arguments)
    {
        var query = new StringBuilder();
        foreach (var property in arguments.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    Append(query, property.Name, item);
                }
            }
            else
            {
                Append(query, property.Name, property.Value);
            }
        }
        return query.ToString();
    }

    private static void Append(StringBuilder query, string name, JsonElement value)
    {
        if (Text(value) is not { } text)
        {
            return;
        }
        query.Append(query.Length == 0 ? '?' : '&')
            .Append(Uri.EscapeDataString(name))
            .Append('=')
            .Append(Uri.EscapeDataString(text));
    }

    /// <summary>A JSON value as PanDA's client would write it in a query string or form field.</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    private static MultipartFormDataContent MultipartForm(JsonElement arguments)
    {
        var form = new MultipartFormDataContent();
        foreach (var property in arguments.EnumerateObject())
        {
            if (Text(property.Value) is { } text)
            {
                // File parameters carry the file's content as text; PanDA reads the part by its field name.
                form.Add(new StringContent(text), property.Name, property.Name);
            }
        }
        return form;
    }
}
