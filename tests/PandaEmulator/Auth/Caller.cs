using System.Text.RegularExpressions;

namespace PandaEmulator.Auth;

/// <summary>
/// Who PanDA thinks is calling: what a token put into the request environment (the DN, the FQANs and the
/// <c>PANDA_OIDC_*</c> variables), or nothing for an anonymous call.
/// </summary>
internal sealed partial class Caller
{
    public static readonly Caller Anonymous = new();

    /// <summary><c>SSL_CLIENT_S_DN</c>: the token's title-cased name plus <c>/CN=nickname:&lt;preferred_username&gt;</c>, or its sub.</summary>
    public string? Dn { get; init; }

    /// <summary>The user the emulator's data knows: preferred_username, else sub. Task owners and the ban list use it.</summary>
    public string? UserName { get; init; }

    public string? Vo { get; init; }

    public string? Role { get; init; }

    public IReadOnlyList<string> Fqans { get; init; } = [];

    /// <summary>The environment variables the token added, as <c>system.get_attributes</c> shows them.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary><c>Protocol.isSecure</c> plus the limited-proxy rule: a DN is present and is not a limited proxy.</summary>
    public bool IsSecure => Dn is not null && !Dn.Contains("/CN=limited proxy", StringComparison.Ordinal);

    /// <summary><c>has_production_role</c>: an FQAN with a production role.</summary>
    public bool IsProduction => Fqans.Any(f =>
        f.StartsWith("/atlas/usatlas/Role=production", StringComparison.Ordinal)
        || f.StartsWith("/atlas/Role=production", StringComparison.Ordinal)
        || ProductionFqan().IsMatch(f));

    /// <summary><c>extract_production_working_groups</c>.</summary>
    public IReadOnlyList<string> ProductionWorkingGroups
    {
        get
        {
            var groups = new List<string>();
            foreach (var fqan in Fqans)
            {
                var match = AtlasGroupProduction().Match(fqan);
                if (match.Success && match.Groups[1].Value is var group && group.Length > 0 && group != "usatlas" && !groups.Contains(group))
                {
                    groups.Add(group);
                    groups.Add($"gr_{group}");
                }
            }
            return groups;
        }
    }

    /// <summary><c>extract_primary_production_working_group</c>.</summary>
    public string? PrimaryWorkingGroup
    {
        get
        {
            string? group = null;
            foreach (var fqan in Fqans)
            {
                var match = AnyGroupProduction().Match(fqan);
                if (match.Success && match.Groups[1].Value is not ("" or "usatlas"))
                {
                    group = match.Groups[1].Value.Split('-')[^1].ToLowerInvariant();
                }
            }
            return group;
        }
    }

    [GeneratedRegex("^/[^/]+/Role=production")]
    private static partial Regex ProductionFqan();

    [GeneratedRegex("/atlas/([^/]+)/Role=production")]
    private static partial Regex AtlasGroupProduction();

    [GeneratedRegex("/[^/]+/([^/]+)/Role=production")]
    private static partial Regex AnyGroupProduction();
}
