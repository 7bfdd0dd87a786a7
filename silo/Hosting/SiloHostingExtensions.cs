using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PandaMcp.Silo.Cluster;
using PandaMcp.Silo.Dashboard;
using PandaMcp.Silo.Panda;
using PandaMcp.Silo.PublicReads;
using PandaMcp.Silo.Sessions;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Silo.Hosting;

/// <summary>Registers what a silo needs to serve the PanDA module grains.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// A silo of the PanDA cluster: the silo process and the gateway's in-process silo. With
    /// <see cref="PandaClusterOptions.Redis"/>, Redis clustering and grain storage; without, localhost
    /// clustering and memory storage.
    /// </summary>
    public static IHostApplicationBuilder AddPandaSilo(this IHostApplicationBuilder builder)
    {
        var cluster = PandaClusterOptions.Read(builder.Configuration);
        builder.Services.AddPandaClient();
        builder.Services.AddSessionStore();
        builder.Services.AddPublicReads();
        builder.UseOrleans(silo =>
        {
            // Traces follow a call from the gateway through the grain to PanDA's request, when they are exported.
            if (TelemetryHostingExtensions.ExportsTraces(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }
            // Where each grain lives, as a ring of partitions that silos hand over in step with membership changes
            // (Orleans' distributed directory, experimental in 10.4): with the default directory, the soak saw a
            // rolling restart's handover leave a session grain registered twice, and its calls unanswered for 30 to
            // 60 s until Orleans noticed.
#pragma warning disable ORLEANSEXP003
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            if (cluster.SiloName is { Length: > 0 } siloName)
            {
                silo.Configure<SiloOptions>(o => o.SiloName = siloName);
            }
            if (cluster.UsesRedis)
            {
                // Both providers take the same parsed options and each opens its own connection (two per silo):
                // one multiplexer shared through their CreateMultiplexer delegates waits until it is clear which
                // provider disposes it.
                var redis = cluster.RedisConfiguration();
                silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (cluster.ServiceId, cluster.ClusterId));
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
                silo.AddRedisGrainStorageAsDefault(o => o.ConfigurationOptions = redis);
                silo.UseRedisReminderService(o => o.ConfigurationOptions = redis);
                // Listen on every interface (a pod's) and publish the configured address, or the machine's own.
                if (cluster.AdvertisedIP is { Length: > 0 } advertised)
                {
                    silo.ConfigureEndpoints(IPAddress.Parse(advertised), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                }
                else
                {
                    silo.ConfigureEndpoints(cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
                }
            }
            else
            {
                silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress =
                    cluster.AdvertisedIP is { Length: > 0 } advertised ? IPAddress.Parse(advertised) : IPAddress.Loopback);
                silo.AddMemoryGrainStorageAsDefault();
                silo.UseInMemoryReminderService();
            }
        });
        builder.Services.AddGrainCallTimeout<SiloMessagingOptions>();
        builder.AddPandaDashboard();
        return builder;
    }

    /// <summary>
    /// A grain call must outlive the REST call it makes, or the caller would give up before PanDA's timeout:
    /// the messaging options of a silo or a client wait for PanDA's timeout and a margin.
    /// </summary>
    public static IServiceCollection AddGrainCallTimeout<TMessagingOptions>(this IServiceCollection services)
        where TMessagingOptions : MessagingOptions
    {
        services.AddOptions<TMessagingOptions>()
            .Configure<IOptions<PandaClientOptions>>((messaging, panda) =>
                messaging.ResponseTimeout = panda.Value.Timeout + TimeSpan.FromSeconds(15));
        return services;
    }

    /// <summary>The options of the session grains, validated at start.</summary>
    public static IServiceCollection AddSessionStore(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SiloMetrics>();
        services.TryAddSingleton<KeptAnswers>();
        // A silo's own grain calls (a session's read of a public read's grain) have no client connections to lose.
        services.TryAddSingleton(provider => new GrainCallRetries(losses: null, provider.GetRequiredService<TimeProvider>()));
        services.AddOptions<SessionStoreOptions>()
            .BindConfiguration(SessionStoreOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// The public-read options, validated at start, and what public-read grains may keep. A gateway reads the options
    /// too (whether calls share answers), and in the all-in-one process it adds them a second time: once is enough.
    /// </summary>
    public static IServiceCollection AddPublicReads(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(PublicReadBudget)))
        {
            return services;
        }
        services.AddSingleton<PublicReadBudget>();
        services.AddOptions<PublicReadOptions>()
            .BindConfiguration(PublicReadOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    /// <summary>
    /// Where PanDA is and how to trust it (<see cref="PandaClientOptions"/>), validated at start: for the PanDA client,
    /// and for a gateway, which reads PanDA's auth configuration from the same server. Added once.
    /// </summary>
    public static IServiceCollection AddPandaClientOptions(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(PandaClientOptionsMarker)))
        {
            return services;
        }
        services.AddSingleton<PandaClientOptionsMarker>();
        services.AddOptions<PandaClientOptions>()
            .BindConfiguration(PandaClientOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                // PanDA's own variables, as its client reads them, win over the project's keys.
                if (configuration[PandaClientOptions.BaseUrlVariable] is { Length: > 0 } url)
                {
                    options.BaseUrl = url;
                }
                if (configuration[PandaClientOptions.VerifyHostVariable] is { } verify)
                {
                    options.VerifyHost = !string.Equals(verify, "off", StringComparison.OrdinalIgnoreCase);
                }
                if (configuration[PandaClientOptions.CaDirectoryVariable] is { Length: > 0 } caDirectory)
                {
                    options.CaDirectory = caDirectory;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    /// <summary>The PanDA REST client the module grains use, with its validated options.</summary>
    public static IServiceCollection AddPandaClient(this IServiceCollection services)
    {
        services.AddPandaClientOptions();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SiloMetrics>();
        services.AddOptions<PandaResilienceOptions>()
            .BindConfiguration(PandaResilienceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<PandaCircuit>();
        services.AddHttpClient<PandaClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<PandaClientOptions>>().Value;
                // The pipeline times each attempt out; this caps a whole call (retries, reading the body), below
                // the grain call's own wait (AddGrainCallTimeout).
                http.Timeout = options.Timeout + PandaClient.CallTimeoutMargin;
                http.MaxResponseContentBufferSize = options.MaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // Re-resolve PanDA's load-balanced host name now and then instead of pinning one address.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 256,
                SslOptions = UpstreamTls.ClientOptions(
                    provider.GetRequiredService<IOptions<PandaClientOptions>>().Value,
                    provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UpstreamTls))),
            })
            // One handler for the process: connections are renewed by PooledConnectionLifetime above.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // PandaClient logs each answer and failure itself: the factory's own handlers would add a log scope and
            // two log checks to every call (about 10 µs of CPU per call, measured), to say the same at Information.
            .RemoveAllLoggers()
            .AddResilienceHandler(PandaResiliencePipeline.Name, (pipeline, context) => PandaResiliencePipeline.Build(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<PandaClientOptions>>().Value,
                context.ServiceProvider.GetRequiredService<IOptions<PandaResilienceOptions>>().Value,
                context.ServiceProvider.GetRequiredService<PandaCircuit>()));
        return services;
    }

    /// <summary>Marks <see cref="AddPandaClientOptions"/> as done: its options bindings must not be added twice.</summary>
    private sealed class PandaClientOptionsMarker;
}
