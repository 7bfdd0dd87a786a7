namespace PandaMcp.TestClient;

/// <summary>
/// Finds the tool a person means: the exact name, or else the one tool whose name ends in <c>_&lt;name&gt;</c>, so
/// that <c>is_alive</c> (as PanDA's documentation writes it) finds <c>system_is_alive</c>.
/// </summary>
internal static class ToolNameResolver
{
    public static ToolResolution Resolve(string requested, IReadOnlyCollection<string> names)
    {
        if (names.Contains(requested, StringComparer.Ordinal))
        {
            return new ToolResolution(requested, null);
        }
        var suffix = "_" + requested;
        var candidates = names.Where(n => n.EndsWith(suffix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        return candidates.Count switch
        {
            1 => new ToolResolution(candidates[0], null),
            0 => new ToolResolution(null, $"the server has no tool '{requested}' (nor one ending in '{suffix}'); the list above shows its {names.Count} tools"),
            _ => new ToolResolution(null, $"'{requested}' could be any of {string.Join(", ", candidates)}; give the full name"),
        };
    }
}
