using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PandaMcp.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for silos and gateways: the project's meters and traces, Orleans', ASP.NET Core's, HttpClient's and
/// the runtime's; a Prometheus scrape endpoint; OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class TelemetryHostingExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>The OpenTelemetry SDK's variable: set, traces and metrics are also pushed there over OTLP.</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The project's meters and activity sources: <c>PandaMcp.Gateway</c>, <c>PandaMcp.Silo</c>.</summary>
    private const string ProjectSources = "PandaMcp.*";

    public static IHostApplicationBuilder AddPandaTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            // ASP.NET Core's request and connection metrics, not its routing and rate-limiting ones, nor HttpClient's: each
            // is a measurement on every call (about 8 µs of CPU per call together, measured), and the project's own
            // metrics count what they would (PanDA's requests by endpoint and status, refusals by limit).
            .WithMetrics(metrics => metrics
                .AddMeter(ProjectSources, "Microsoft.Orleans", "Experimental.ModelContextProtocol")
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (ExportsTraces(builder.Configuration))
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(ProjectSources, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application", "Experimental.ModelContextProtocol")
                    // Probes and scrapes every few seconds would drown the traces that matter.
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsOperational(context.Request.Path))
                    .AddHttpClientInstrumentation())
                .UseOtlpExporter();
        }
        return builder;
    }

    /// <summary>
    /// Whether traces go anywhere (<see cref="OtlpEndpointVariable"/> is set): only then are they recorded. A span for
    /// every request, grain call and PanDA call costs CPU on every call, for nobody when nothing collects them.
    /// </summary>
    public static bool ExportsTraces(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);

    /// <summary>The Prometheus text format at <see cref="MetricsPath"/>.</summary>
    public static IEndpointRouteBuilder MapPandaMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(MetricsPath);
        return endpoints;
    }

    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
