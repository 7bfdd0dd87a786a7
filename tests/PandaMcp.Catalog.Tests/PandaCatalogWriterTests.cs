using PandaMcp.Catalog;

namespace PandaMcp.Catalog.Tests;

public sealed class PandaCatalogWriterTests
{
    [Fact]
    public void Serialize_ReproducesEveryModuleFile_ByteForByte()
    {
        var assembly = typeof(PandaCatalog).Assembly;
        var catalog = PandaCatalog.LoadEmbedded();
        foreach (var module in catalog.Modules)
        {
            using var stream = assembly.GetManifestResourceStream($"catalog/modules/{module.Module}.json")!;
            var file = new StreamReader(stream).ReadToEnd().ReplaceLineEndings("\n");
            Assert.Equal(file, PandaCatalogWriter.Serialize(module));
        }
    }

    [Fact]
    public void WriteFile_GivesAFolderThatLoadsAsTheSameCatalog()
    {
        var directory = Directory.CreateTempSubdirectory("panda-catalog-").FullName;
        try
        {
            var catalog = PandaCatalog.LoadEmbedded();
            foreach (var module in catalog.Modules)
            {
                PandaCatalogWriter.WriteFile(module, directory);
            }
            var reloaded = PandaCatalog.LoadDirectory(directory);
            Assert.Equal(catalog.Endpoints.Select(e => e.Path), reloaded.Endpoints.Select(e => e.Path));
            Assert.Equal(Facts(catalog), Facts(reloaded));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static IEnumerable<string> Facts(PandaCatalog catalog) =>
        catalog.Endpoints.SelectMany(e => e.Parameters.Select(p =>
            $"{e.Path} {e.Method} {p.Name} {p.Kind} {p.Annotation} {p.Required} {(p.HasDefault ? p.Default.GetRawText() : "(none)")}"));
}
