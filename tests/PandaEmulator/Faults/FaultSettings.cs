namespace PandaEmulator.Faults;

/// <summary>
/// The faults in force, as <c>POST /_emulator/faults</c> takes them: a rule for all routes (or only
/// <see cref="Routes"/>), and rules for single routes in <see cref="PerRoute"/>, which win. <c>{}</c> clears all.
/// Routes are <c>module/function</c>, <c>module/*</c> or <c>*</c>.
/// </summary>
public sealed record FaultSettings
{
    public static readonly FaultSettings None = new();

    public int DelayMs { get; init; }

    public int DelayJitterMs { get; init; }

    public double ErrorRate { get; init; }

    public double CloseRate { get; init; }

    /// <summary>The routes the top-level rule applies to; empty or absent means every route.</summary>
    public IReadOnlyList<string>? Routes { get; init; }

    public IReadOnlyDictionary<string, FaultRule>? PerRoute { get; init; }

    internal FaultRule Global => new() { DelayMs = DelayMs, DelayJitterMs = DelayJitterMs, ErrorRate = ErrorRate, CloseRate = CloseRate };

    internal bool IsEmpty => Global.IsEmpty && (PerRoute is null || PerRoute.Values.All(r => r.IsEmpty));

    internal IReadOnlyList<string> Problems() =>
        Global.Problems("the top-level rule").Concat((PerRoute ?? new Dictionary<string, FaultRule>()).SelectMany(p => p.Value.Problems($"perRoute '{p.Key}'"))).ToList();

    /// <summary>The rule for a route (module/function), or null when no fault applies to it.</summary>
    internal FaultRule? RuleFor(string route)
    {
        if (PerRoute is not null)
        {
            foreach (var (pattern, rule) in PerRoute)
            {
                if (Matches(pattern, route))
                {
                    return rule;
                }
            }
        }
        return Routes is null || Routes.Count == 0 || Routes.Any(r => Matches(r, route)) ? Global : null;
    }

    private static bool Matches(string pattern, string route) =>
        pattern == "*" || pattern == route
        || (pattern.EndsWith("/*", StringComparison.Ordinal) && route.StartsWith(pattern[..^1], StringComparison.Ordinal));
}
