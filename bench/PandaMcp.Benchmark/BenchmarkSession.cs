using System.Text.Json;
using Microsoft.Extensions.Options;
using PandaMcp.Catalog;
using PandaMcp.Contracts;
using PandaMcp.Gateway.Hosting;
using PandaMcp.Gateway.Tools;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Benchmark;

/// <summary>
/// One benchmark run: starts the emulator, the gateway, the baseline, the bare relay and a split cluster (Redis, two
/// silos, two gateways) as child processes on free ports, loads each target in turn, round after round, and stops
/// the servers whatever happens.
/// </summary>
public static class BenchmarkSession
{
    public const string DirectTarget = "direct REST (emulator)";
    public const string RelayTarget = "bare relay (no Orleans, no SDK)";
    public const string BaselineTarget = "baseline (SDK, no Orleans)";
    public const string GatewayTarget = "gateway (all-in-one), 2026-07-28";
    public const string GatewaySessionsTarget = "gateway (all-in-one), a session per connection";
    public const string GatewaySharedSessionTarget = "gateway (all-in-one), one session shared";
    public const string SplitTarget = "split (2 gateways, 2 silos, Redis), 2026-07-28";
    public const string SplitSessionsTarget = "split (2 gateways, 2 silos, Redis), sessions";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Each call reaches PanDA, as each call through the relay does: the rate run measures the request path, and a
    /// public read (such as the default tool) would otherwise be answered from an answer kept for the same question.
    /// </summary>
    public const string SendPublicReadsAlone = "--PandaMcp:PublicReads:Enabled=false";

    public static async Task<string> RunAsync(BenchmarkOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var binaries = ServerBinaries.FromBuild(options.ServersFrom);
        var credentials = await CredentialsAsync(options, binaries, cancellationToken);
        var (toolName, arguments, call) = DescribeCall(options, credentials);

        var emulatorUrl = Loopback.Url(FreePort.Next());
        var apiBaseUrl = new Uri(emulatorUrl, "api/v1");
        var gatewayUrl = Loopback.Url(FreePort.Next());
        var baselineUrl = Loopback.Url(FreePort.Next());
        var relayUrl = Loopback.Url(FreePort.Next());
        var logLevels = options.ServerLogArguments();

        progress.WriteLine("Starting the emulator, the gateway, the baseline, the relay and the split cluster...");
        await using var emulator = ChildProcess.Start("emulator", binaries.Emulator,
            [.. logLevels, "--urls", Loopback.Authority(emulatorUrl), "--record-limit", "0"]);
        await using var gateway = ChildProcess.Start("gateway", binaries.Gateway,
        [
            .. logLevels,
            $"--urls={Loopback.Authority(gatewayUrl)}",
            $"--PANDA_API_URL_SSL={apiBaseUrl}",
            $"--PandaMcp:Cluster:SiloPort={FreePort.Next()}",
            $"--PandaMcp:Cluster:GatewayPort={FreePort.Next()}",
            // Thousands of calls per second from one caller is the point here, not a runaway agent.
            "--PandaMcp:Security:CallsPerSecond=0",
            SendPublicReadsAlone,
        ]);
        await using var baseline = ChildProcess.Start("baseline", binaries.Baseline,
            [.. logLevels, $"--urls={Loopback.Authority(baselineUrl)}", $"--PANDA_API_URL_SSL={apiBaseUrl}"]);
        await using var relay = ChildProcess.Start("relay", binaries.Relay, [$"--urls={Loopback.Authority(relayUrl)}", .. RelayUpstream(apiBaseUrl, call)]);
        await Task.WhenAll(
            emulator.WaitUntilServingAsync(emulatorUrl, StartTimeout, cancellationToken),
            gateway.WaitUntilServingAsync(new Uri(gatewayUrl, "mcp"), StartTimeout, cancellationToken),
            baseline.WaitUntilServingAsync(new Uri(baselineUrl, "mcp"), StartTimeout, cancellationToken),
            relay.WaitUntilServingAsync(new Uri(relayUrl, "mcp"), StartTimeout, cancellationToken));
        await using var split = await SplitCluster.StartAsync(binaries, silos: 2, gateways: 2, apiBaseUrl, [.. logLevels, SendPublicReadsAlone], cancellationToken);

        Uri[] gatewayEndpoint = [new(gatewayUrl, "mcp")];
        var sharedSession = new SharedCaller(ct => SessionCaller(gatewayEndpoint, ct));
        LoadTarget[] targets =
        [
            new(DirectTarget, [], _ => Task.FromResult<ICaller>(new DirectRestCaller(apiBaseUrl, call))),
            // The relay answers tools/call and nothing else: always the raw client.
            new(RelayTarget, [relay], _ => Task.FromResult<ICaller>(new RawMcpCaller([new(relayUrl, "mcp")], toolName, arguments, credentials))),
            new(BaselineTarget, [baseline], ct => McpCaller([new(baselineUrl, "mcp")], ct)),
            new(GatewayTarget, [gateway], ct => McpCaller(gatewayEndpoint, ct)),
            new(GatewaySessionsTarget, [gateway], ct => SessionCaller(gatewayEndpoint, ct)),
            new(GatewaySharedSessionTarget, [gateway], sharedSession.ConnectAsync),
            new(SplitTarget, split.Processes, ct => McpCaller(split.McpEndpoints, ct), split.Redis),
            new(SplitSessionsTarget, split.Processes, ct => SessionCaller(split.McpEndpoints, ct), split.Redis),
        ];
        Task<ICaller> McpCaller(IReadOnlyList<Uri> endpoints, CancellationToken ct) => options.Client == "raw"
            ? Task.FromResult<ICaller>(new RawMcpCaller(endpoints, toolName, arguments, credentials))
            : McpToolCaller.ConnectAsync(endpoints, toolName, arguments, credentials, options.ProtocolVersion, ct);
        // Sessions need a 2025-era revision whatever --protocol says; their requests go to each endpoint in turn.
        async Task<ICaller> SessionCaller(IReadOnlyList<Uri> endpoints, CancellationToken ct) => options.Client == "raw"
            ? await RawSessionCaller.StartAsync(endpoints, toolName, arguments, credentials, ct)
            : await McpToolCaller.ConnectAsync(endpoints, toolName, arguments, credentials, RawSessionCaller.Version, ct);

        var protocols = new Dictionary<string, string>();
        foreach (var target in targets)
        {
            protocols[target.Name] = await CallOnceAsync(target, cancellationToken);
        }

        // Every target, and the load generator's client for it, runs hot before anything is measured: JIT tiering
        // and Orleans take many seconds of load to settle.
        foreach (var target in targets)
        {
            progress.WriteLine($"warm-up  {target.Name}: {options.Warmup.TotalSeconds:0.#} s at {options.Connections} connections");
            await LoadRunner.WarmUpAsync(target, options.Connections, options.Warmup, cancellationToken);
        }
        var report = new BenchmarkReport(options, DirectTarget, RelayTarget, protocols);
        for (var round = 0; round < options.Rounds; round++)
        {
            // Each round starts with a different target, so that none always runs right after the same neighbour.
            var order = targets.Skip(round % targets.Length).Concat(targets.Take(round % targets.Length)).ToList();
            foreach (var concurrency in new[] { options.Connections, 1 })
            {
                foreach (var target in order)
                {
                    var window = concurrency == 1 ? options.SingleDuration : options.Duration;
                    var measurement = await LoadRunner.MeasureAsync(
                        target, concurrency, round, options.Settle, window, emulator, cancellationToken);
                    progress.WriteLine(measurement);
                    report.Add(measurement);
                }
            }
        }
        return report.ToMarkdown();
    }

    /// <summary>The caller's PanDA credentials: a token the emulator minted for <c>--user</c>, or none.</summary>
    public static async Task<PandaCredentials> CredentialsAsync(BenchmarkOptions options, ServerBinaries binaries, CancellationToken cancellationToken) =>
        options.User is { } user
            ? new PandaCredentials($"Bearer {await EmulatorTokens.MintAsync(binaries.Emulator, user, cancellationToken)}", EmulatorTokens.Vo)
            : PandaCredentials.Anonymous;

    /// <summary>The relay's upstream request: the one the gateway makes for the call (the silo's encoder decides it).</summary>
    private static string[] RelayUpstream(Uri apiBaseUrl, PandaCall call)
    {
        using var request = PandaRequestEncoder.Encode(new Uri(apiBaseUrl.ToString().TrimEnd('/') + "/"), call);
        return call.Encoding == PandaEncoding.Query
            ? [$"--upstream={request.RequestUri}", $"--upstream-method={call.Method}"]
            : [$"--upstream={request.RequestUri}", $"--upstream-method={call.Method}", $"--upstream-body={call.ArgumentsJson}"];
    }

    /// <summary>The tool's call as MCP arguments and as the REST call the gateway would make for it.</summary>
    public static (string Tool, Dictionary<string, JsonElement> Arguments, PandaCall Call) DescribeCall(
        BenchmarkOptions options, PandaCredentials credentials)
    {
        var tools = new PandaToolSet(Options.Create(new CatalogOptions()));
        var tool = tools.Find(options.Tool) ?? throw new BenchmarkFailedException(
            $"The gateway offers no tool '{options.Tool}'. Its tools: {string.Join(", ", tools.Tools.Select(t => t.Definition.Name))}.");
        Dictionary<string, JsonElement> arguments;
        try
        {
            arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(options.ArgumentsJson)
                ?? throw new BenchmarkFailedException("--arguments must be a JSON object, not null.");
        }
        catch (JsonException e)
        {
            throw new BenchmarkFailedException($"--arguments is not a JSON object: {e.Message}");
        }
        var check = ArgumentCheck.Run(tool.Endpoint, arguments);
        if (!check.IsValid)
        {
            throw new BenchmarkFailedException($"--arguments do not fit {options.Tool}: {string.Join(" ", check.Errors)}");
        }
        var endpoint = tool.Endpoint;
        var call = new PandaCall(endpoint.Module, endpoint.Function, endpoint.Method, tool.Encoding, check.ArgumentsJson!, credentials);
        return (tool.Definition.Name, arguments, call);
    }

    /// <summary>One call before any load, so that a misconfigured target stops the run with its reason.</summary>
    private static async Task<string> CallOnceAsync(LoadTarget target, CancellationToken cancellationToken)
    {
        await using var caller = await target.ConnectAsync(cancellationToken);
        if (await caller.CallAsync() is { } error)
        {
            throw new BenchmarkFailedException($"{target.Name} fails the call, so there is nothing to measure: {error}");
        }
        return caller.Protocol;
    }
}
