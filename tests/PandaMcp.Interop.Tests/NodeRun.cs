using System.Text.Json;

namespace PandaMcp.Interop.Tests;

/// <summary>How a node process ended and what it printed.</summary>
public sealed record NodeRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    /// <summary>stdout as one JSON document, after checking that the process succeeded.</summary>
    public JsonElement Json()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}\n{this}");
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"stdout is not JSON ({e.Message})\n{this}", e);
        }
    }

    public override string ToString() => $"stdout:\n{Stdout}\nstderr:\n{Stderr}";
}
