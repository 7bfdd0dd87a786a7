namespace PandaMcp.Manifests.Tests;

/// <summary>Paths in the repository the tests were built from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>What an operator reads about configuration: the guides in docs/ and the Kubernetes guide.</summary>
    public static string OperatorDocumentation() =>
        string.Concat(Directory.GetFiles(PathOf("docs"), "*.md").Order(StringComparer.Ordinal).Select(File.ReadAllText)) + Read("k8s/README.md");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PandaMcp.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No PandaMcp.sln above {AppContext.BaseDirectory}.");
    }
}
