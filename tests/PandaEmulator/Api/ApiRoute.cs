namespace PandaEmulator.Api;

/// <summary>
/// PanDA's <c>parse_script_name</c>: the path must split on '/' into exactly five fields,
/// <c>/api/&lt;version&gt;/&lt;module&gt;/&lt;function&gt;</c>. Anything else (a trailing slash, a missing part)
/// leaves the function name empty, which PanDA then reports as <c>method  is forbidden</c>.
/// </summary>
internal readonly record struct ApiRoute(bool WellFormed, string Version, string Module, string Function)
{
    /// <summary><c>module/function</c>, or null for a path of another shape.</summary>
    public string? Key => WellFormed ? $"{Module}/{Function}" : null;

    public static ApiRoute Parse(string path)
    {
        var fields = path.Split('/');
        return fields.Length == 5 ? new ApiRoute(true, fields[2], fields[3], fields[4]) : new ApiRoute(false, "", "", "");
    }
}
