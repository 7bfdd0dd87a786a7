using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using PandaEmulator;
using PandaMcp.Contracts;
using PandaMcp.Silo.Hosting;
using PandaMcp.Testing;

namespace PandaMcp.Gateway.Tests;

/// <summary>
/// The public-read grain's rules, in a real (in-process) silo calling the emulator, on a clock the test moves:
/// sharing, reuse up to the max age, no reuse of failures, the silo's bound, no credentials sent.
/// </summary>
public sealed class PublicReadGrainTests : IAsyncLifetime
{
    private const string ByCloud = "statistics/job_stats_by_cloud";
    private const string BySite = "statistics/active_job_stats_by_site";
    private const string ByResourceType = "statistics/job_stats_by_site_and_resource_type";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HttpClient _http = new();
    private RunningEmulator _emulator = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorApp.StartAsync();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration["PANDA_API_URL_SSL"] = _emulator.ApiBaseUrl.ToString();
            host.Configuration["PandaMcp:PublicReads:MaxAgeByTool:statistics_active_job_stats_by_site"] = "00:00:00";
            host.Configuration["PandaMcp:PublicReads:MaxEntries"] = "2";
            host.Services.AddSingleton<TimeProvider>(_time);
            host.Services.AddPandaClient();
            host.Services.AddPublicReads();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    [Fact]
    public async Task AnAnswer_IsReusedUntilItsMaxAge_ThenPandaIsAskedAgain()
    {
        var first = await ReadAsync(ByCloud, """{"type":"production"}""");
        _time.Advance(TimeSpan.FromSeconds(14));
        var reused = await ReadAsync(ByCloud, """{"type":"production"}""");
        _time.Advance(TimeSpan.FromSeconds(2));
        var fresh = await ReadAsync(ByCloud, """{"type":"production"}""");

        Assert.Null(first.Age);
        Assert.Equal(TimeSpan.FromSeconds(14), reused.Age);
        Assert.Equal(first.Body, reused.Body);
        Assert.Null(fresh.Age);
        Assert.Equal(2, await PandaCallsAsync(ByCloud));
    }

    [Fact]
    public async Task APandaRefusal_IsNeverReused()
    {
        var refused = await ReadAsync(ByCloud, """{"type":"bogus"}""");
        var again = await ReadAsync(ByCloud, """{"type":"bogus"}""");

        Assert.False(JsonDocument.Parse(refused.Body).RootElement.GetProperty("success").GetBoolean());
        Assert.Null(again.Age);
        Assert.Equal(2, await PandaCallsAsync(ByCloud));
    }

    [Fact]
    public async Task WithMaxAgeZero_ConcurrentCallsShareOneAnswer_AndLaterOnesAskAgain()
    {
        await EmulatorFaults.SlowDownAsync(_http, _emulator.Address, BySite, TimeSpan.FromSeconds(1));

        var together = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ReadAsync(BySite, "{}")));
        var later = await ReadAsync(BySite, "{}");

        Assert.All(together, r => Assert.Equal((200, together[0].Body, (TimeSpan?)null), (r.Status, r.Body, r.Age)));
        Assert.Null(later.Age);
        Assert.Equal(2, await PandaCallsAsync(BySite));
    }

    [Fact]
    public async Task PastTheSilosBound_NewAnswersAreNotKept()
    {
        foreach (var window in new[] { 1, 2, 3 })
        {
            await ReadAsync(ByResourceType, $$"""{"time_window":{{window}}}""");
        }
        var again = new List<PandaReply>();
        foreach (var window in new[] { 1, 2, 3 })
        {
            again.Add(await ReadAsync(ByResourceType, $$"""{"time_window":{{window}}}"""));
        }

        // At most two answers kept (MaxEntries): the third question is asked again.
        Assert.Equal([true, true, false], again.Select(r => r.Age is not null));
        Assert.Equal(4, await PandaCallsAsync(ByResourceType));
    }

    [Fact]
    public async Task ACallersCredentials_AreNeverSent()
    {
        var credentials = new PandaCredentials("Bearer " + TokenIssuer.Mint("alice"), "atlas");

        await ReadAsync(ByCloud, "{}", credentials);

        var sent = Assert.Single(await RequestsAsync(ByCloud));
        Assert.False(sent.TryGetProperty("headers", out var headers)
            && headers.EnumerateObject().Any(h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                || h.Name.Equals("Origin", StringComparison.OrdinalIgnoreCase)));
    }

    private Task<PandaReply> ReadAsync(string route, string argumentsJson, PandaCredentials? credentials = null)
    {
        var (module, function) = (route.Split('/')[0], route.Split('/')[1]);
        var call = new PandaCall(module, function, "GET", PandaEncoding.Query, argumentsJson, credentials ?? PandaCredentials.Anonymous,
            new PublicRead($"{route}?{argumentsJson}", Envelope: true));
        return _cluster.Client.SendPandaCallAsync(call, shard: 0);
    }

    private async Task<int> PandaCallsAsync(string route) => (await RequestsAsync(route)).Count;

    private async Task<List<JsonElement>> RequestsAsync(string route)
    {
        var all = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_emulator.Address, "/_emulator/requests"))).RootElement;
        return all.EnumerateArray().Where(r => r.GetProperty("route").GetString() == route).Select(r => r.Clone()).ToList();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _emulator.DisposeAsync();
        _http.Dispose();
    }
}
