using PandaMcp.Catalog;
using PandaMcp.CatalogGenerator.Generation;

namespace PandaMcp.CatalogGenerator;

/// <summary>
/// The command: reads the source folder, writes the catalog, and answers in lines an operator reads: a summary on
/// the output, warnings and errors on the error stream. This text is the tool's interface, not a log, so it is
/// written to the given writers rather than through a logger.
/// </summary>
internal static class GeneratorCommand
{
    public const int Success = 0;
    public const int Failure = 1;

    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (!GeneratorArguments.TryParse(args, out var arguments, out var error))
        {
            errors.WriteLine($"error: {error} Run with --help for the usage.");
            return Failure;
        }
        if (arguments.Help)
        {
            output.Write(GeneratorArguments.Usage);
            return Success;
        }
        try
        {
            var modules = new CatalogBuilder(errors).Build(arguments.Source);
            Directory.CreateDirectory(arguments.Output);
            var written = modules.Select(m => Path.GetFullPath(PandaCatalogWriter.WriteFile(m, arguments.Output))).ToHashSet();
            foreach (var other in Directory.GetFiles(arguments.Output, "*.json").Select(Path.GetFullPath).Where(f => !written.Contains(f)).Order())
            {
                errors.WriteLine($"warning: {other} was not written from this source, but the gateway loads every .json file in the folder; remove it unless it belongs there.");
            }
            output.WriteLine($"Wrote {modules.Count} modules with {modules.Sum(m => m.Endpoints.Count)} endpoints to {arguments.Output}.");
            return Success;
        }
        catch (CatalogSourceException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: Cannot write the catalog to {arguments.Output}: {e.Message}");
            return Failure;
        }
    }
}
