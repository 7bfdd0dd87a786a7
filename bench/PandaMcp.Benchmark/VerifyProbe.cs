using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PandaMcp.Gateway.Identity;
using PandaMcp.Gateway.Security;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Benchmark;

/// <summary>
/// What verifying callers' ID tokens costs the gateway per request, in-process, against the emulator's identity
/// provider (its keys read once, then cached): a token verified before (a hash and a lookup, what a caller's next
/// requests cost) and a token seen for the first time (an RS256 signature check). Rounds after a warm-up; medians.
/// </summary>
public static class VerifyProbe
{
    private const int Rounds = 5;
    private const int RememberedPerRound = 200_000;
    private const int FreshPerRound = 400;

    public static async Task<string> RunAsync(BenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var binaries = ServerBinaries.FromBuild(options.ServersFrom);
        var emulatorUrl = Loopback.Url(FreePort.Next());
        progress.WriteLine("Starting the emulator...");
        await using var emulator = ChildProcess.Start("emulator", binaries.Emulator, ["--urls", Loopback.Authority(emulatorUrl)]);
        await emulator.WaitUntilServingAsync(emulatorUrl, TimeSpan.FromSeconds(90), cancellationToken);

        var services = new ServiceCollection();
        services.AddOptions<IdentityOptions>();
        services.AddOptions<SecurityOptions>();
        services.AddOptions<PandaClientOptions>().Configure(panda => panda.BaseUrl = new Uri(emulatorUrl, "api/v1").ToString());
        services.AddHttpClient(IdentityHostingExtensions.HttpClientName);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TokenVerifier>();
        await using var provider = services.BuildServiceProvider();
        var verifier = provider.GetRequiredService<TokenVerifier>();

        progress.WriteLine($"Minting {(Rounds + 1) * FreshPerRound} tokens...");
        using var http = new HttpClient();
        var tokens = new List<string>();
        for (var i = 0; i < (Rounds + 1) * FreshPerRound; i++)
        {
            using var minted = await http.PostAsJsonAsync(new Uri(emulatorUrl, "_emulator/identity/tokens"), new { sub = $"user-{i}" }, cancellationToken);
            tokens.Add((await minted.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("token").GetString()!);
        }

        // Warm-up: the keys read, the code paths jitted.
        await VerifyAllAsync(verifier, tokens.Take(FreshPerRound), cancellationToken);
        var remembered = new List<double>();
        var fresh = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            remembered.Add(await MicrosPerCallAsync(verifier, Enumerable.Repeat(tokens[0], RememberedPerRound), cancellationToken));
            fresh.Add(await MicrosPerCallAsync(verifier, tokens.Skip((round + 1) * FreshPerRound).Take(FreshPerRound), cancellationToken));
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"`{options.CommandLine}`");
        report.AppendLine();
        report.AppendLine("| token | µs per verification (median of 5 rounds) | rounds |");
        report.AppendLine("| --- | ---: | --- |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| verified before (remembered) | {Median(remembered):0.00} | {string.Join(", ", remembered.Select(v => v.ToString("0.00", CultureInfo.InvariantCulture)))} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| first seen (RS256 check, keys cached) | {Median(fresh):0.0} | {string.Join(", ", fresh.Select(v => v.ToString("0.0", CultureInfo.InvariantCulture)))} |");
        return report.ToString();
    }

    private static async Task<double> MicrosPerCallAsync(TokenVerifier verifier, IEnumerable<string> tokens, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var count = await VerifyAllAsync(verifier, tokens, cancellationToken);
        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / count;
    }

    private static async Task<int> VerifyAllAsync(TokenVerifier verifier, IEnumerable<string> tokens, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var token in tokens)
        {
            var verdict = await verifier.VerifyAsync(token, "atlas", cancellationToken);
            if (verdict.Kind != TokenVerdictKind.Verified)
            {
                throw new BenchmarkFailedException($"A minted token was not verified: {verdict.Problem}");
            }
            count++;
        }
        return count;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
