using System.Reflection;

namespace PandaMcp.Benchmark;

/// <summary>The servers the benchmark starts, built alongside it (see the project file).</summary>
public sealed record ServerBinaries(string Emulator, string Gateway, string Baseline, string Silo, string Relay)
{
    /// <param name="otherCheckout">
    /// A checkout of another commit, built in Release: its gateway, silo and baseline are run instead of this build's
    /// (the emulator and the relay stay this build's), to measure an earlier version beside this one.
    /// </param>
    public static ServerBinaries FromBuild(string? otherCheckout = null)
    {
        var paths = typeof(ServerBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(a => a.Key.StartsWith("ServerDll:", StringComparison.Ordinal))
            .ToDictionary(a => a.Key["ServerDll:".Length..], a => Path.GetFullPath(a.Value!));
        if (otherCheckout is not null)
        {
            var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(paths["Gateway"])!, "../../../.."));
            foreach (var server in new[] { "Gateway", "Silo", "Baseline" })
            {
                paths[server] = Path.Combine(Path.GetFullPath(otherCheckout), Path.GetRelativePath(root, paths[server]));
            }
        }
        var binaries = new ServerBinaries(paths["Emulator"], paths["Gateway"], paths["Baseline"], paths["Silo"], paths["Relay"]);
        foreach (var dll in new[] { binaries.Emulator, binaries.Gateway, binaries.Baseline, binaries.Silo, binaries.Relay })
        {
            if (!File.Exists(dll))
            {
                throw new BenchmarkFailedException(
                    $"{dll} is missing. Run the benchmark through `dotnet run -c Release --project bench/PandaMcp.Benchmark`, which builds it.");
            }
        }
        return binaries;
    }
}
