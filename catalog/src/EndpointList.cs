using System.Text.Json;

namespace PandaMcp.Catalog;

/// <summary>
/// Which endpoints become tools, read from a file in the format of PanDA's <c>panda_mcp_endpoints.json</c>:
/// <c>{ "&lt;module&gt;": ["&lt;function&gt;", ...] }</c>. As in PanDA, <c>system.is_alive</c> is always added.
/// </summary>
public static class EndpointList
{
    private const string DefaultResource = "catalog/default-endpoint-list.json";

    /// <summary>The endpoints of PanDA's shipped list.</summary>
    public static IReadOnlyList<PandaEndpoint> SelectDefault(PandaCatalog catalog)
    {
        using var stream = PandaCatalog.OpenResource(typeof(EndpointList).Assembly, DefaultResource);
        return Select(catalog, stream, "the default endpoint list");
    }

    public static IReadOnlyList<PandaEndpoint> SelectFromFile(PandaCatalog catalog, string path)
    {
        // PanDA reads a missing list as empty; here a list that was named but is not there is a mistake to report.
        if (!File.Exists(path))
        {
            throw new EndpointListException($"The endpoint list {path} does not exist. Give the path of a readable file, or leave the setting empty for PanDA's shipped list.");
        }
        using var stream = File.OpenRead(path);
        return Select(catalog, stream, path);
    }

    /// <exception cref="EndpointListException">The list is not valid JSON of that shape, or names endpoints the catalog lacks.</exception>
    public static IReadOnlyList<PandaEndpoint> Select(PandaCatalog catalog, Stream json, string source)
    {
        Dictionary<string, List<string>> entries;
        try
        {
            entries = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(json) ?? [];
        }
        catch (JsonException e)
        {
            throw new EndpointListException(
                $"The endpoint list {source} is not a JSON object of module names to lists of function names ({e.Message}).");
        }

        var selected = new List<PandaEndpoint>();
        var unknown = new List<string>();
        foreach (var (key, functions) in entries)
        {
            if (catalog.FindModule(key) is not { } module)
            {
                unknown.Add($"module '{key}'");
                continue;
            }
            foreach (var function in functions)
            {
                if (catalog.Find(module.Module, function) is { } endpoint)
                {
                    selected.Add(endpoint);
                }
                else
                {
                    unknown.Add($"function '{key}.{function}'");
                }
            }
        }
        if (unknown.Count > 0)
        {
            throw new EndpointListException(
                $"The endpoint list {source} names what PanDA API v1 does not have: {string.Join(", ", unknown)}. "
                + "Correct or remove these entries; the catalog's modules are "
                + string.Join(", ", catalog.Modules.Select(m => m.Module)) + ".");
        }

        if (catalog.Find("system", "is_alive") is { } isAlive && !selected.Contains(isAlive))
        {
            selected.Add(isAlive);
        }
        return selected.Distinct().ToList();
    }
}
