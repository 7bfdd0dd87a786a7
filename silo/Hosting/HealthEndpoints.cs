using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Orleans.Messaging;

namespace PandaMcp.Silo.Hosting;

/// <summary>
/// The three probes of a silo or a gateway. <c>/health/live</c>: the process answers (no grain call, no Redis).
/// <c>/health/startup</c>: it has joined the cluster (a silo is Active; a gateway reaches a silo).
/// <c>/health/ready</c>: joined, not stopping, and the cluster's membership store answers.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string StartupPath = "/health/startup";
    public const string ReadyPath = "/health/ready";
    public const string StartupTag = "startup";
    public const string ReadyTag = "ready";

    /// <summary>A store that does not answer within this time counts as unreachable.</summary>
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The silo's checks: it has joined the cluster, and its membership store answers.</summary>
    public static IHostApplicationBuilder AddSiloHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<SiloReadinessCheck>("silo", tags: [StartupTag, ReadyTag])
            .Add(StoreCheck((services, cancellationToken) => services.GetRequiredService<IMembershipTable>().ReadAllAsync(cancellationToken)));
        return builder;
    }

    /// <summary>A cluster client's checks: it holds a connection to a silo, and the membership store answers.</summary>
    public static IHostApplicationBuilder AddClusterClientHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ClusterConnectionCheck>();
        builder.Services.AddSingleton<IClusterConnectionStatusObserver>(provider => provider.GetRequiredService<ClusterConnectionCheck>());
        builder.Services.AddHealthChecks()
            .AddCheck<ClusterConnectionCheck>("cluster-connection", tags: [StartupTag, ReadyTag])
            .Add(StoreCheck((services, _) => services.GetRequiredService<IGatewayListProvider>().GetGateways()));
        return builder;
    }

    private static HealthCheckRegistration StoreCheck(Func<IServiceProvider, CancellationToken, Task> read) =>
        new("membership-store", services => new ClusterStoreReadinessCheck(cancellationToken => read(services, cancellationToken)),
            HealthStatus.Unhealthy, [ReadyTag], StoreTimeout);

    public static IEndpointRouteBuilder MapPandaHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(StartupPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(StartupTag) });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
