using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using PandaMcp.Catalog;
using PandaMcp.Contracts;

namespace PandaMcp.Gateway.Tools;

/// <summary>Turns PanDA's answers, and the ways a call can fail, into tool results an agent can act on.</summary>
public static class ToolResults
{
    private const int MaxQuotedChars = 500;

    /// <summary>The <c>_meta</c> key of a reused answer's age in seconds.</summary>
    public const string AnswerAgeMetaKey = "pandamcp/answerAgeSeconds";

    public static CallToolResult InvalidArguments(PandaEndpoint endpoint, IReadOnlyList<string> errors) => Error(
        $"The arguments of {endpoint.ToolName} do not fit its input schema, so PanDA was not called: "
        + string.Join(" ", errors) + " Correct them and call again.");

    public static CallToolResult NoAnswer(PandaEndpoint endpoint, string why) => Error(
        $"{Route(endpoint)} got no answer: {why}. The call may or may not have reached PanDA; "
        + "check its effect before repeating a change.");

    /// <summary>A call finished after its gateway was gone, and the gateway that delivers it does not offer the tool.</summary>
    public static CallToolResult Orphaned(string toolName) => Error(
        $"The call of {toolName} finished, but this gateway does not offer that tool and cannot show its answer. "
        + "Check its effect in PanDA.");

    public static CallToolResult From(PandaEndpoint endpoint, PandaReply reply)
    {
        switch (reply.Failure)
        {
            case PandaFailure.Timeout:
                return NoAnswer(endpoint, $"PanDA did not answer in time ({reply.FailureDetail})");
            case PandaFailure.Cluster:
                return NoAnswer(endpoint, reply.FailureDetail!);
            case PandaFailure.NotKept:
                return Error($"{Route(endpoint)} was answered, but {reply.FailureDetail}. "
                    + "Call it again if it only reads; check its effect in PanDA before repeating a change.");
            case PandaFailure.Unreachable:
                return Error($"PanDA could not be reached for {Route(endpoint)}: {reply.FailureDetail}. "
                    + "Try again later, or check the gateway's PanDA URL (PANDA_API_URL_SSL).");
        }
        if (reply.Status is < 200 or > 299)
        {
            var hint = reply.Status == 403
                ? " PanDA refuses the route or the credentials: check the ID token (Authorization) and the VO (Origin)."
                : " Try again later; if it persists, report it to the PanDA operators.";
            return Error($"PanDA answered HTTP {reply.Status} to {Route(endpoint)}: {Quote(reply.Body)}.{hint}");
        }
        var result = endpoint.Envelope ? FromEnvelope(endpoint, reply.Body) : FromText(reply.Body);
        return reply.Age is { } age ? Reused(result, age) : result;
    }

    /// <summary>Says how old a reused answer is, in a line of its own (the answer's text stays PanDA's) and in <c>_meta</c>.</summary>
    private static CallToolResult Reused(CallToolResult result, TimeSpan age)
    {
        var seconds = Math.Round(age.TotalSeconds, 1);
        result.Content.Add(new TextContentBlock
        {
            Text = $"PanDA gave this answer {seconds.ToString("0.#", CultureInfo.InvariantCulture)} s ago to the same question, "
                + "asked by another call; call again later for a fresh one.",
        });
        result.Meta = new JsonObject { [AnswerAgeMetaKey] = seconds };
        return result;
    }

    private static CallToolResult FromEnvelope(PandaEndpoint endpoint, string body)
    {
        JsonElement envelope;
        try
        {
            using var document = JsonDocument.Parse(body);
            envelope = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return NotJson(endpoint, body);
        }
        if (envelope.ValueKind != JsonValueKind.Object
            || !envelope.TryGetProperty("success", out var success)
            || success.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return NotJson(endpoint, body);
        }
        if (success.ValueKind == JsonValueKind.True)
        {
            return new CallToolResult { Content = [new TextContentBlock { Text = body }], StructuredContent = envelope };
        }
        var message = envelope.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = $"PanDA refused {Route(endpoint)}: {(string.IsNullOrEmpty(message) ? "no reason given" : message)}\n{body}" }],
            StructuredContent = envelope,
        };
    }

    /// <summary>The endpoints that answer plain text: a JSON string when JSON was asked for, else the raw text.</summary>
    private static CallToolResult FromText(string body)
    {
        var text = body;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.String)
            {
                text = document.RootElement.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
            // Not JSON: the text itself is the answer.
        }
        var failed = text.StartsWith("ERROR", StringComparison.Ordinal);
        return new CallToolResult
        {
            IsError = failed,
            Content = [new TextContentBlock { Text = text }],
            StructuredContent = JsonSerializer.SerializeToElement(new { success = !failed, message = "", data = text }),
        };
    }

    private static CallToolResult NotJson(PandaEndpoint endpoint, string body) => Error(
        $"PanDA's answer to {Route(endpoint)} is not the JSON envelope it should be: {Quote(body)}. "
        + "The server or a proxy in front of it may be misbehaving; try again later.");

    private static CallToolResult Error(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };

    private static string Route(PandaEndpoint endpoint) => $"{endpoint.Method} /api/v1/{endpoint.Path}";

    private static string Quote(string body)
    {
        var trimmed = body.Trim();
        return trimmed.Length == 0 ? "(empty body)"
            : trimmed.Length <= MaxQuotedChars ? $"\"{trimmed}\"" : $"\"{trimmed[..MaxQuotedChars]}...\"";
    }
}
