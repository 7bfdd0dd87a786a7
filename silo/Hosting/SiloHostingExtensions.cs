using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Silo.Hosting;

/// <summary>Registers what a silo needs to serve the PanDA module grains.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The PanDA REST client the module grains use, with its validated options.</summary>
    public static IServiceCollection AddPandaClient(this IServiceCollection services)
    {
        services.AddOptions<PandaClientOptions>()
            .BindConfiguration(PandaClientOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                // PanDA's own variables, as its client reads them, win over the project's keys.
                if ((configuration[PandaClientOptions.BaseUrlVariable] ?? configuration[PandaClientOptions.PlainBaseUrlVariable]) is { Length: > 0 } url)
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
        services.AddHttpClient<PandaClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<PandaClientOptions>>().Value;
                http.Timeout = options.Timeout;
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
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        return services;
    }
}
