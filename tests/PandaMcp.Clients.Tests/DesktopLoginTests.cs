using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using ModelContextProtocol.Protocol;
using PandaEmulator;
using PandaMcp.Gateway;

namespace PandaMcp.Clients.Tests;

/// <summary>
/// A desktop agent's day with the bridge, as processes: <c>login</c> through the device flow against the emulator's
/// identity provider, then an agent session that outlives several ID tokens because the bridge refreshes them, one
/// refresh per token however many bridges share the file, and a revoked refresh token said once. ID tokens live
/// <see cref="Lifetime"/> here, not 15 minutes.
/// </summary>
public sealed partial class DesktopLoginTests : IAsyncLifetime
{
    private const int Lifetime = 8;
    private const int Margin = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _tokenFile = Path.Combine(Path.GetTempPath(), $"panda-id-token-{Guid.NewGuid():N}");
    private readonly HttpClient _http = new();
    private RunningEmulator _emulator = null!;
    private WebApplication _gateway = null!;
    private Uri _mcp = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorApp.StartAsync("--token-lifetime", $"{Lifetime}", "--device-poll-interval", "1");
        _gateway = GatewayApp.Create(GatewayArguments.For(_emulator.ApiBaseUrl, "http://127.0.0.1:0", "--PandaMcp:Security:CallsPerSecond=0"));
        await _gateway.StartAsync();
        _mcp = new Uri(_gateway.Urls.First() + "/mcp");
    }

    [Fact]
    public async Task Login_ApprovedInTheBrowser_WritesTheTokenResponse_ForTheOwnerOnly()
    {
        var login = await LoginAsync(approve: true);

        Assert.Equal(0, login.ExitCode);
        Assert.Contains($"the ID and refresh tokens are in {_tokenFile}", login.Stdout);
        using var response = JsonDocument.Parse(await File.ReadAllTextAsync(_tokenFile));
        Assert.StartsWith("ey", response.RootElement.GetProperty("id_token").GetString());
        Assert.NotEmpty(response.RootElement.GetProperty("refresh_token").GetString()!);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_tokenFile));
        }
    }

    [Fact]
    public async Task Login_DeniedInTheBrowser_SaysSo_AndWritesNothing()
    {
        var login = await LoginAsync(approve: false);

        Assert.Equal(1, login.ExitCode);
        Assert.Contains("the login was denied in the browser", login.Stderr);
        Assert.False(File.Exists(_tokenFile));
    }

    [Fact]
    public async Task Login_WithPandaUnreachable_SaysWhereItLooked()
    {
        var login = await DotnetProcess.RunAsync(ClientPrograms.Bridge, ["login", "--panda-url", "http://127.0.0.1:9", "--token-file", _tokenFile]);

        Assert.Equal(1, login.ExitCode);
        Assert.Contains("http://127.0.0.1:9/auth/atlas_auth_config.json", login.Stderr);
        Assert.Single(login.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task AnAgentSession_OutlivesThreeTokens_WithOneRefreshEachTime()
    {
        Assert.Equal(0, (await LoginAsync(approve: true)).ExitCode);
        await using var bridge = await StartBridgeAsync();

        var calls = await CallForAsync([bridge], TimeSpan.FromSeconds(3 * Lifetime + 2));

        Assert.All(calls, text => Assert.Contains("nickname:alice", text));
        AssertOneRefreshPerToken(await RefreshesAsync(), TimeSpan.FromSeconds(3 * Lifetime + 2));
        await bridge.StderrLineAsync("Refreshed the ID token in");
    }

    [Fact]
    public async Task TwoBridgesSharingOneTokenFile_RefreshItOnceEachTime_AndNeitherFails()
    {
        Assert.Equal(0, (await LoginAsync(approve: true)).ExitCode);
        await using var first = await StartBridgeAsync();
        await using var second = await StartBridgeAsync();

        var calls = await CallForAsync([first, second], TimeSpan.FromSeconds(2 * Lifetime + 2));

        Assert.All(calls, text => Assert.Contains("nickname:alice", text));
        AssertOneRefreshPerToken(await RefreshesAsync(), TimeSpan.FromSeconds(2 * Lifetime + 2));
        // Neither bridge used a refresh token the other had already used (the provider takes each only once).
        Assert.DoesNotContain(first.Stderr.Concat(second.Stderr), line => line.Contains("could not be refreshed", StringComparison.Ordinal));
        Assert.Equal(0, await RefusedRefreshesAsync());
    }

    [Fact]
    public async Task ARevokedRefreshToken_IsSaidOnce_AndCallsGoOn()
    {
        Assert.Equal(0, (await LoginAsync(approve: true)).ExitCode);
        await using var bridge = await StartBridgeAsync();
        using (var revoked = await _http.PostAsync(new Uri(_emulator.Address, "/_emulator/identity/refresh-tokens/revoke"), null))
        {
            revoked.EnsureSuccessStatusCode();
        }

        // Past the token's expiry: the refresh is refused, and the calls go on without a token.
        var calls = await CallForAsync([bridge], TimeSpan.FromSeconds(Lifetime + 2), expectErrors: true);

        Assert.Contains("SSL secure connection is required", calls[^1]);
        await bridge.StderrLineAsync("could not be refreshed: the refresh token was refused");
        Assert.Single(bridge.Stderr, line => line.Contains("could not be refreshed", StringComparison.Ordinal));
        Assert.Equal(0, await RefreshesAsync());
    }

    /// <summary>Runs <c>login</c> as a user would: waits for the URL it prints, opens it (approving or denying), and waits for the end.</summary>
    private async Task<ProcessResult> LoginAsync(bool approve)
    {
        var start = new ProcessStartInfo(DotnetProcess.Host) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { ClientPrograms.Bridge, "login", "--panda-url", _emulator.Address.ToString(), "--vo", "atlas", "--token-file", _tokenFile })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = new Process { StartInfo = start };
        var stdout = new ConcurrentQueue<string>();
        var stderr = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => Enqueue(stdout, line.Data);
        process.ErrorDataReceived += (_, line) => Enqueue(stderr, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            Match? url = null;
            await Wait.UntilAsync(_ => Task.FromResult(process.HasExited || (url = stdout.Select(l => VerificationUrl().Match(l)).FirstOrDefault(m => m.Success)) is not null),
                Patience, "login prints the URL to open");
            Assert.True(url is not null, $"login printed: {string.Join("\n", stdout.Concat(stderr))}");
            using (var opened = await _http.GetAsync(url.Groups[1].Value + (approve ? "" : "&deny=true")))
            {
                opened.EnsureSuccessStatusCode();
            }
            await process.WaitForExitAsync().WaitAsync(Patience);
            // The end of the output streams arrives after the exit.
            process.WaitForExit();
            return new ProcessResult(process.ExitCode, string.Join("\n", stdout), string.Join("\n", stderr));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static void Enqueue(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    private Task<BridgeProcess> StartBridgeAsync() =>
        BridgeProcess.StartAsync(_mcp, _tokenFile, null, "--panda-url", _emulator.Address.ToString(), "--refresh-margin", $"{Margin}");

    /// <summary>Calls through the bridges in turn, twice a second, for <paramref name="length"/>; the text of every result.</summary>
    private static async Task<List<string>> CallForAsync(IReadOnlyList<BridgeProcess> bridges, TimeSpan length, bool expectErrors = false)
    {
        var texts = new List<string>();
        var until = DateTime.UtcNow + length;
        for (var i = 0; DateTime.UtcNow < until; i++)
        {
            var result = await bridges[i % bridges.Count].Client.CallToolAsync("system_get_user_attributes");
            var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
            Assert.True(expectErrors || result.IsError != true, text);
            texts.Add(text);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        return texts;
    }

    /// <summary>A token is refreshed when it has <see cref="Margin"/> seconds left: once per Lifetime − Margin seconds, not once per bridge or call.</summary>
    private static void AssertOneRefreshPerToken(int refreshes, TimeSpan length)
    {
        var expected = length.TotalSeconds / (Lifetime - Margin);
        Assert.InRange(refreshes, (int)expected - 2, (int)expected + 2);
    }

    private async Task<int> RefreshesAsync() => await GrantsAsync("refreshes");

    private async Task<int> RefusedRefreshesAsync() => await GrantsAsync("refusedRefreshes");

    private async Task<int> GrantsAsync(string count) =>
        (await _http.GetFromJsonAsync<JsonElement>(new Uri(_emulator.Address, "/_emulator/identity/grants"))).GetProperty(count).GetInt32();

    [GeneratedRegex(@"open (\S+) and approve")]
    private static partial Regex VerificationUrl();

    public async Task DisposeAsync()
    {
        await _gateway.StopAsync();
        await _gateway.DisposeAsync();
        await _emulator.DisposeAsync();
        _http.Dispose();
        File.Delete(_tokenFile);
        File.Delete(_tokenFile + ".lock");
    }
}
