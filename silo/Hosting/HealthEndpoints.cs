using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PandaMcp.Silo.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (no cluster, no Redis). <c>/health/ready</c>: the readiness checks
/// pass, such as this silo having joined the cluster.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string ReadyTag = "ready";

    /// <summary>The silo's checks: ready when it has joined the cluster.</summary>
    public static IHostApplicationBuilder AddSiloHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<SiloReadinessCheck>("silo", tags: [ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapPandaHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return endpoints;
    }
}
