using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PandaMcp.Gateway.Tools;
using PandaMcp.Silo.Panda;
using PandaMcp.Silo.Telemetry;
using PandaMcp.Contracts;

namespace PandaMcp.Gateway.Hosting;

/// <summary>One line once the gateway serves: how it runs, what it calls, how it speaks, how many tools, where it listens.</summary>
public sealed partial class GatewayStartupSummary(
    IServer server,
    IOptions<GatewayOptions> gateway,
    IOptions<PandaClientOptions> panda,
    PandaToolSet tools,
    ILogger<GatewayStartupSummary> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        LogStarted(
            logger,
            gateway.Value.HostSilo ? "all-in-one (silo in process)" : "cluster client",
            // A cluster client does not call PanDA: the silos do, with their own setting.
            gateway.Value.HostSilo ? SafeUrl.Of(panda.Value.BaseUrl) : "(called by the silos)",
            gateway.Value.Transport,
            tools.Tools.Count,
            string.Join(' ', addresses));
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = LogEvents.GatewayStarted, Level = LogLevel.Information,
        Message = "PandaMcp gateway started: mode {Mode}, PanDA {UpstreamUrl}, transport {Transport}, {ToolCount} tools, listening on {Addresses}")]
    private static partial void LogStarted(ILogger logger, string mode, string upstreamUrl, string transport, int toolCount, string addresses);
}
