namespace PandaMcp.CatalogGenerator.Generation;

/// <summary>Which route serves a <c>&lt;name&gt;_api.py</c> file, and the key PanDA's endpoint list files use for it.</summary>
internal sealed record ModuleRoute(string Route, string? ListKey)
{
    public const string FileSuffix = "_api.py";

    // The server's module_mapping (pandaserver/server/panda.py) routes every file by its name less "_api.py",
    // except this one. The endpoint list files keep the file's name, hence the list key.
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["credential_management"] = "creds",
    };

    public static ModuleRoute ForFile(string fileName)
    {
        var name = fileName[..^FileSuffix.Length];
        return Renamed.TryGetValue(name, out var route) ? new ModuleRoute(route, name) : new ModuleRoute(name, null);
    }
}
