namespace PandaMcp.CatalogGenerator.Generation;

/// <summary>What the catalog says about an endpoint beyond PanDA's facts: a title and the MCP tool hints.</summary>
internal static class EndpointHints
{
    // The first word of a POST endpoint's name that marks it as changing or ending something that already exists
    // (a job, a task, a request, a stored value), which MCP calls destructive. Other POSTs (submit, retry, resume,
    // release, upload, ...) only add work or move it on, and GETs only read.
    private static readonly HashSet<string> DestructiveVerbs =
        ["kill", "abort", "retire", "finish", "delete", "change", "set", "reassign", "pause", "disable", "update"];

    private static readonly Dictionary<string, string> Acronyms = new(StringComparer.Ordinal)
    {
        ["id"] = "ID", ["ids"] = "IDs", ["dn"] = "DN", ["jedi"] = "JEDI", ["idds"] = "iDDS", ["cpu"] = "CPU",
        ["gpu"] = "GPU", ["rse"] = "RSE", ["fts"] = "FTS", ["ddm"] = "DDM", ["voms"] = "VOMS", ["json"] = "JSON",
        ["url"] = "URL",
    };

    /// <summary>The function name as words: <c>get_job_ids</c> becomes "Get job IDs".</summary>
    public static string Title(string function)
    {
        var words = function.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Acronyms.GetValueOrDefault(w, w))
            .ToArray();
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        return string.Join(' ', words);
    }

    public static bool IsReadOnly(string method) => method == "GET";

    public static bool IsIdempotent(string method) => method == "GET";

    public static bool IsDestructive(string method, string function) =>
        method == "POST" && DestructiveVerbs.Contains(function.Split('_')[0]);
}
