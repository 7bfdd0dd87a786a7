namespace PandaMcp.Gateway.Security;

/// <summary>
/// Which <c>Origin</c> headers the gateway serves. PanDA's clients put the VO there (<c>atlas</c>,
/// <c>atlas:production</c>, <c>atlas.production</c>); browsers put the web page's origin there, and a page
/// must not drive the gateway with its visitor's reach unless it is configured (DNS rebinding, cross-site
/// requests). An absent Origin is accepted: it comes from a program, not from a page.
/// </summary>
public sealed class OriginPolicy(SecurityOptions options)
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    private readonly HashSet<string> _vos = Split(options.AllowedVos);
    private readonly HashSet<string> _webOrigins = Split(options.AllowedOrigins, origin => origin.TrimEnd('/'));

    public bool Accepts(string? origin)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }
        return origin.Contains("://", StringComparison.Ordinal) ? AcceptsWebOrigin(origin) : NamesAllowedVo(origin);
    }

    /// <summary>What an agent reads when its Origin is refused.</summary>
    public string Refusal(string origin) =>
        $"The Origin header '{Printable(origin)}' is not accepted here: send your VO ({string.Join(", ", _vos.Order())}, "
        + "optionally with ':role' or '.role') or no Origin at all. Operators allow more VOs and web origins "
        + $"with {SecurityOptions.SectionName}:AllowedVos and AllowedOrigins.";

    /// <summary>
    /// The VO an accepted Origin header names, as PanDA reads it; with no Origin or a web page's, the VO served when
    /// only one is; otherwise none.
    /// </summary>
    public string? VoOf(string? origin)
    {
        if (string.IsNullOrEmpty(origin) || origin.Contains("://", StringComparison.Ordinal))
        {
            return _vos.Count == 1 ? _vos.Single() : null;
        }
        var vo = VoPart(origin);
        return _vos.Contains(vo) ? vo : null;
    }

    /// <summary>An allowed VO, alone or with a role after ':' or '.'.</summary>
    private bool NamesAllowedVo(string origin)
    {
        var vo = VoPart(origin);
        return _vos.Contains(vo) && (vo.Length == origin.Length || vo.Length < origin.Length - 1);
    }

    private static string VoPart(string origin)
    {
        var end = origin.IndexOfAny([':', '.']);
        return end < 0 ? origin : origin[..end];
    }

    private bool AcceptsWebOrigin(string origin)
    {
        if (_webOrigins.Contains(origin))
        {
            return true;
        }
        return options.AllowLoopbackOrigins
            && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && LoopbackHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
    }

    private static HashSet<string> Split(string list, Func<string, string>? normalise = null) =>
        list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(normalise ?? (entry => entry))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The header as it can be echoed safely: short, and without control characters.</summary>
    private static string Printable(string value) =>
        new(value.Take(100).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
