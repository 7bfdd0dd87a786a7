using System.Text.Json;
using System.Text.RegularExpressions;
using PandaMcp.Testing;

namespace PandaMcp.Interop.Tests;

/// <summary>
/// The official conformance suite (@modelcontextprotocol/conformance), server side, every scenario. Those that
/// need the suite's own fixtures are listed, with a reason, in tests/interop/conformance-expected-failures.yml.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed partial class ConformanceTests(DefaultsGatewayFixture gateway) : IDisposable
{
    /// <summary>The scenarios a tools-only server passes; the gateway must pass each of them.</summary>
    private static readonly string[] MustPass =
    [
        "server-initialize", "ping", "logging-set-level", "tools-list", "server-sse-multiple-streams", "dns-rebinding-protection",
    ];

    private const string PollingScenario = "server-sse-polling";

    private readonly DirectoryInfo _results = Directory.CreateTempSubdirectory("pandamcp-conformance-");

    [Fact]
    public async Task AllSuite_PassesEveryScenarioButTheExpectedFailures()
    {
        var expectedFailures = ExpectedFailures();

        var run = await NodeTools.RunAsync(
            [NodeTools.ConformanceCli, "server", "--url", gateway.McpUrl.ToString(), "--suite", "all",
                "--expected-failures", NodeTools.Script("conformance-expected-failures.yml"), "-o", _results.FullName],
            TimeSpan.FromMinutes(3));

        // Exit 0: no failing scenario outside the list, and no listed scenario that passes (a stale entry).
        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run}");
        var scenarios = ReadChecks();
        Assert.Superset(expectedFailures.ToHashSet(), scenarios.Keys.ToHashSet());
        foreach (var (scenario, checks) in scenarios.Where(s => !expectedFailures.Contains(s.Key)))
        {
            // The suite counts a warning as a failure, so does this test.
            var bad = checks.Where(c => c.Status is "FAILURE" or "WARNING").Select(c => $"{c.Id}: {c.Status} {c.ErrorMessage}").ToList();
            Assert.True(bad.Count == 0, $"{scenario}: {string.Join("; ", bad)}");
            Assert.True(checks.Any(c => c.Status == "SUCCESS") || scenario == PollingScenario, $"{scenario}: no check succeeded");
        }
        foreach (var scenario in MustPass)
        {
            Assert.True(scenarios.ContainsKey(scenario) && !expectedFailures.Contains(scenario), $"{scenario} did not run or is listed as failing");
        }
        // The polling scenario's call (of a tool this server does not have) is answered at once, as JSON: the suite
        // finds nothing to resume and only reports. Streams of slow calls are resumed in TypeScriptSdkTests.
        Assert.Contains(scenarios[PollingScenario], c => c.Id == "server-sse-content-type" && c.Status == "INFO");
    }

    /// <summary>The scenario names of the expected-failures file (<c>server:</c>, one <c>- name # reason</c> a line).</summary>
    private static List<string> ExpectedFailures() =>
        File.ReadLines(NodeTools.Script("conformance-expected-failures.yml"))
            .Select(line => ListEntry().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["name"].Value)
            .ToList();

    /// <summary>Each scenario's checks, from <c>server-&lt;scenario&gt;-&lt;timestamp&gt;/checks.json</c>.</summary>
    private Dictionary<string, List<Check>> ReadChecks() =>
        _results.GetDirectories().ToDictionary(
            directory => ResultDirectory().Match(directory.Name).Groups["scenario"].Value,
            directory => JsonSerializer.Deserialize<List<Check>>(
                File.ReadAllText(Path.Combine(directory.FullName, "checks.json")), GatewayFixture.JsonOptions) ?? []);

    public void Dispose() => _results.Delete(recursive: true);

    private sealed record Check(string Id, string Status, string? ErrorMessage);

    [GeneratedRegex(@"^\s*-\s+(?<name>[a-z0-9-]+)\s*(#.*)?$")]
    private static partial Regex ListEntry();

    [GeneratedRegex(@"^server-(?<scenario>.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$")]
    private static partial Regex ResultDirectory();
}
