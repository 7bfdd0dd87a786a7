using System.Reflection;
using System.Text.Json;

namespace PandaMcp.Catalog;

/// <summary>The project's description of PanDA API v1: every module and endpoint, loaded from JSON files.</summary>
public sealed class PandaCatalog
{
    private const string ModuleResourcePrefix = "catalog/modules/";
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private readonly Dictionary<string, PandaEndpoint> _byPath;
    private readonly Dictionary<string, PandaModule> _byModuleKey;

    public PandaCatalog(IEnumerable<PandaModule> modules)
    {
        Modules = modules
            .Select(m => m with { Endpoints = m.Endpoints.Select(e => e with { Module = m.Module }).ToList() })
            .OrderBy(m => m.Module, StringComparer.Ordinal)
            .ToList();
        Endpoints = Modules.SelectMany(m => m.Endpoints).ToList();
        _byPath = Endpoints.ToDictionary(e => e.Path, StringComparer.Ordinal);
        _byModuleKey = new Dictionary<string, PandaModule>(StringComparer.Ordinal);
        foreach (var module in Modules)
        {
            _byModuleKey[module.Module] = module;
            if (module.ListKey is { } key)
            {
                _byModuleKey[key] = module;
            }
        }
    }

    public IReadOnlyList<PandaModule> Modules { get; }
    public IReadOnlyList<PandaEndpoint> Endpoints { get; }

    public PandaEndpoint? Find(string module, string function) => _byPath.GetValueOrDefault($"{module}/{function}");

    /// <summary>A module by its route name or by the key PanDA's endpoint list files use for it.</summary>
    public PandaModule? FindModule(string key) => _byModuleKey.GetValueOrDefault(key);

    /// <summary>The catalog built into this assembly.</summary>
    public static PandaCatalog LoadEmbedded()
    {
        var assembly = typeof(PandaCatalog).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(ModuleResourcePrefix, StringComparison.Ordinal));
        return new PandaCatalog(names.Select(n => ReadModule(OpenResource(assembly, n), n)));
    }

    /// <summary>A catalog from a folder of module files (one <c>&lt;module&gt;.json</c> per module).</summary>
    public static PandaCatalog LoadDirectory(string directory) =>
        new(Directory.EnumerateFiles(directory, "*.json").Select(f => ReadModule(File.OpenRead(f), f)));

    internal static Stream OpenResource(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"Resource {name} is missing.");

    private static PandaModule ReadModule(Stream stream, string source)
    {
        using (stream)
        {
            try
            {
                return JsonSerializer.Deserialize<PandaModule>(stream, JsonOptions)
                    ?? throw new InvalidDataException($"Catalog file {source} is empty.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Catalog file {source} is not valid: {e.Message}", e);
            }
        }
    }
}
