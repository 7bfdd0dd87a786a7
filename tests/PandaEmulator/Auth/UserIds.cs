using System.Text.RegularExpressions;

namespace PandaEmulator.Auth;

/// <summary>PanDA's <c>CoreUtils.clean_user_id</c>: the short user name PanDA derives from a DN.</summary>
internal static partial class UserIds
{
    public static string Clean(string dn)
    {
        var name = Attributes().Replace(dn, "");
        name = NumericCn().Replace(name, "");
        name = SpaceDigits().Replace(name, "");
        name = UnderscoreDigits().Replace(name, "");
        name = name.Replace("/CN=proxy", "", StringComparison.Ordinal)
            .Replace("/CN=limited proxy", "", StringComparison.Ordinal)
            .Replace("limited proxy", "", StringComparison.Ordinal);
        name = Robot().Replace(name, "");
        name = Nickname().Replace(name, "");
        var twoCn = TwoCn().Match(name);
        name = twoCn.Success ? twoCn.Groups[2].Value : name.Replace("/CN=", "", StringComparison.Ordinal);
        var email = name.IndexOf("/email", StringComparison.OrdinalIgnoreCase);
        if (email > 0)
        {
            name = name[..email];
        }
        var limited = LimitedProxy().Match(name);
        if (limited.Success)
        {
            name = limited.Groups[1].Value;
        }
        name = name.Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
        var withoutEmail = EmailSuffix().Replace(name, "").Trim();
        return withoutEmail.Contains(' ') ? withoutEmail : name;
    }

    [GeneratedRegex(@"/(DC|O|OU|C|L)=[^\/]+")]
    private static partial Regex Attributes();

    [GeneratedRegex("/CN=[0-9]+")]
    private static partial Regex NumericCn();

    [GeneratedRegex(" [0-9]+")]
    private static partial Regex SpaceDigits();

    [GeneratedRegex("_[0-9]+")]
    private static partial Regex UnderscoreDigits();

    [GeneratedRegex("/CN=Robot:[^/]+")]
    private static partial Regex Robot();

    [GeneratedRegex("/CN=nickname:[^/]+")]
    private static partial Regex Nickname();

    [GeneratedRegex(@"^.*/CN=([^\/]+)/CN=([^\/]+)")]
    private static partial Regex TwoCn();

    [GeneratedRegex("^.*(limited.*proxy).*")]
    private static partial Regex LimitedProxy();

    [GeneratedRegex(@" [a-z][\w\.-]+@[\w\.-]+(?:\.\w+)+")]
    private static partial Regex EmailSuffix();
}
