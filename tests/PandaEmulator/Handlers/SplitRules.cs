namespace PandaEmulator.Handlers;

/// <summary>A task's split rule string (<c>"NF=1,NG=20,..."</c>), as <c>task_split_rules</c> edits it.</summary>
internal static class SplitRules
{
    public static string Replace(string rules, string tag, string value)
    {
        var parts = rules.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith(tag + "=", StringComparison.Ordinal)).ToList();
        parts.Add($"{tag}={value}");
        return string.Join(',', parts);
    }

    public static string Remove(string rules, params string[] tags) => string.Join(',',
        rules.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(p => !tags.Any(t => p.StartsWith(t + "=", StringComparison.Ordinal))));
}
