using System.Text.Encodings.Web;
using System.Text.Json;

namespace PandaMcp.Catalog;

/// <summary>Writes module files in the format <see cref="PandaCatalog.LoadDirectory"/> reads, from the same model types.</summary>
public static class PandaCatalogWriter
{
    // People read and diff these files too: indented, and with quotes, apostrophes and non-ASCII text left as they
    // are. The relaxed encoder is only unsafe for JSON pasted into HTML, which these files never are.
    private static readonly JsonSerializerOptions WriteOptions = new(PandaCatalog.JsonOptions)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(PandaModule module) => JsonSerializer.Serialize(module, WriteOptions) + "\n";

    /// <summary>Writes <c>&lt;module&gt;.json</c> into the folder, replacing any file of that name, and returns its path.</summary>
    public static string WriteFile(PandaModule module, string directory)
    {
        var path = Path.Combine(directory, module.Module + ".json");
        File.WriteAllText(path, Serialize(module));
        return path;
    }
}
