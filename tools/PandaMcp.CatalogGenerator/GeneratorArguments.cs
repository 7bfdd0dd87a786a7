using System.Diagnostics.CodeAnalysis;

namespace PandaMcp.CatalogGenerator;

/// <summary>The command line: <c>--source &lt;folder&gt; --output &lt;folder&gt;</c>, or <c>--help</c>.</summary>
internal sealed record GeneratorArguments(string Source, string Output, bool Help)
{
    public const string Usage = """
        Writes the PandaMcp catalog of a PanDA server installation.

        Usage: PandaMcp.CatalogGenerator --source <folder> --output <folder>

          --source <folder>  the server's pandaserver/api/v1 folder (its *_api.py files are read, nothing is run)
          --output <folder>  where to write one <module>.json per API module (created if missing)
          --help             show this text

        Point the gateway at the output folder with PandaMcp:Catalog:CatalogDirectory.
        """;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out GeneratorArguments? arguments, [NotNullWhen(false)] out string? error)
    {
        string? source = null;
        string? output = null;
        arguments = null;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            switch (name)
            {
                case "--help" or "-h":
                    arguments = new GeneratorArguments("", "", Help: true);
                    error = null;
                    return true;
                case "--source" or "--output":
                    value ??= i + 1 < args.Length ? args[++i] : null;
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        error = $"{name} needs a folder.";
                        return false;
                    }
                    if (name == "--source")
                    {
                        source = value;
                    }
                    else
                    {
                        output = value;
                    }
                    break;
                default:
                    error = $"'{args[i]}' is not an option; the options are --source, --output and --help.";
                    return false;
            }
        }
        if (source is null || output is null)
        {
            error = "both --source and --output are needed.";
            return false;
        }
        arguments = new GeneratorArguments(source, output, Help: false);
        error = null;
        return true;
    }
}
