using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PandaMcp.CatalogGenerator.Python;

namespace PandaMcp.CatalogGenerator.Generation;

/// <summary>
/// The flags of PanDA's <c>request_validation</c> decorator (<c>api/v1/common.py</c>), which marks a function as an
/// endpoint: <c>request_validation(logger, secure=True, production=False, request_method=None, task_owner=False, ...)</c>.
/// </summary>
internal sealed partial record RequestValidation(bool Secure, bool Production, string? RequestMethod, bool TaskOwner)
{
    // The server's defaults, used for every flag the decorator does not set.
    private static readonly RequestValidation Defaults = new(Secure: true, Production: false, RequestMethod: null, TaskOwner: false);

    // The decorator's parameters in order, for flags passed by position; the first one is the logger.
    private static readonly string[] Positions = ["logger", "secure", "production", "request_method", "task_owner"];

    /// <summary>The flags when <paramref name="decorator"/> (the text after <c>@</c>) is request_validation, with or without arguments; otherwise null.</summary>
    /// <exception cref="FormatException">A flag is set to something other than a literal of its type.</exception>
    public static RequestValidation? TryRead(string decorator)
    {
        var match = Decorator().Match(decorator);
        if (!match.Success)
        {
            return null;
        }
        var flags = Defaults;
        if (!match.Groups["arguments"].Success)
        {
            return flags;
        }
        var position = 0;
        foreach (var argument in PythonText.SplitTopLevel(match.Groups["arguments"].Value, ','))
        {
            var keyword = Keyword().Match(argument);
            var (name, value) = keyword.Success
                ? (keyword.Groups["name"].Value, argument[keyword.Length..].Trim())
                : (position < Positions.Length ? Positions[position++] : "", argument);
            flags = name switch
            {
                "secure" => flags with { Secure = Flag(name, value) },
                "production" => flags with { Production = Flag(name, value) },
                "task_owner" => flags with { TaskOwner = Flag(name, value) },
                "request_method" => flags with { RequestMethod = Method(value) },
                // The logger, task_buffer and task_id_param change nothing the catalog records.
                _ => flags,
            };
        }
        return flags;
    }

    private static bool Flag(string name, string value) =>
        PythonLiteral.TryParse(value, out var node) && node is JsonValue scalar && scalar.TryGetValue<bool>(out var flag)
            ? flag
            : throw new FormatException($"request_validation's {name}={value} is not True or False");

    private static string? Method(string value) =>
        PythonLiteral.TryParse(value, out var node) && (node is null || (node is JsonValue scalar && scalar.TryGetValue<string>(out _)))
            ? node?.GetValue<string>()
            : throw new FormatException($"request_validation's request_method={value} is not a string or None");

    [GeneratedRegex(@"^(?:\w+\.)*request_validation\s*(?:\((?<arguments>.*)\))?\s*$", RegexOptions.Singleline)]
    private static partial Regex Decorator();

    [GeneratedRegex(@"^(?<name>\w+)\s*=(?!=)")]
    private static partial Regex Keyword();
}
