using System.Text.Json;
using PandaMcp.CatalogGenerator;

namespace PandaMcp.CatalogGenerator.Tests;

/// <summary>The catalog generated once from the test API modules in PandaApi/, with what the command printed.</summary>
public sealed class GeneratedCatalog : IDisposable
{
    public static readonly string SourceDirectory = Path.Combine(AppContext.BaseDirectory, "PandaApi");

    public GeneratedCatalog()
    {
        OutputDirectory = Directory.CreateTempSubdirectory("panda-catalog-gen-").FullName;
        var output = new StringWriter();
        var errors = new StringWriter();
        ExitCode = GeneratorCommand.Run(["--source", SourceDirectory, "--output", OutputDirectory], output, errors);
        Output = output.ToString();
        Warnings = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public string OutputDirectory { get; }
    public int ExitCode { get; }
    public string Output { get; }
    public IReadOnlyList<string> Warnings { get; }

    public JsonElement Module(string module)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(OutputDirectory, module + ".json")));
        return document.RootElement.Clone();
    }

    public JsonElement Endpoint(string module, string function) =>
        Module(module).GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("function").GetString() == function);

    public JsonElement Parameter(string module, string function, string name) =>
        Endpoint(module, function).GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    public void Dispose() => Directory.Delete(OutputDirectory, recursive: true);
}
