using System.Text.RegularExpressions;

namespace PandaMcp.Manifests.Tests;

/// <summary>One image per deployable: built in an SDK stage, shipped as the published app on the ASP.NET runtime, non-root.</summary>
public sealed class DockerfileTests
{
    [Theory]
    [InlineData("gateway/Dockerfile", "PandaMcp.Gateway")]
    [InlineData("silo/Dockerfile", "PandaMcp.Silo")]
    public void Dockerfile_IsMultiStage_NonRoot_AndShipsOnlyThePublishedApp(string file, string assembly)
    {
        var lines = Repository.Read(file).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var stages = lines.Select((line, index) => (line, index)).Where(l => l.line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        var final = lines.Skip(stages[^1].index).ToList();

        Assert.Equal(2, stages.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[0].line);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", stages[1].line);
        Assert.Equal(["COPY --from=build /app ./"], final.Where(l => l.StartsWith("COPY", StringComparison.Ordinal)));
        Assert.Contains("USER $APP_UID", final);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", final);
        Assert.Contains(lines, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal) && l.Contains($"{assembly}.csproj"));
    }

    [Theory]
    [InlineData("gateway/Dockerfile")]
    [InlineData("silo/Dockerfile")]
    public void Dockerfile_CopiesOnlyWhatExists(string file)
    {
        var sources = Regex.Matches(Repository.Read(file), @"^COPY (?!--from)(?<sources>.+) \S+$", RegexOptions.Multiline)
            .SelectMany(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.All(sources, s => Assert.True(File.Exists(Repository.PathOf(s)) || Directory.Exists(Repository.PathOf(s)), $"{file} copies {s}, which does not exist."));
    }
}
