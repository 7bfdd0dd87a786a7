using System.Diagnostics;

namespace PandaMcp.Benchmark;

/// <summary>Tokens the emulator accepts, printed by its own <c>mint-token</c> command.</summary>
public static class EmulatorTokens
{
    public const string Vo = "atlas";

    public static async Task<string> MintAsync(string emulatorDll, string user, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { emulatorDll, "mint-token", "--sub", user, "--vo", Vo })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new BenchmarkFailedException("Could not run the emulator's mint-token.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 && (await output).Trim() is { Length: > 0 } token
            ? token
            : throw new BenchmarkFailedException($"The emulator's mint-token failed for '{user}': {(await error).Trim()}");
    }
}
