using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
                if (configuration[PandaClientOptions.BaseUrlVariable] is { Length: > 0 } url)
                {
                    options.BaseUrl = url;
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
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Re-resolve PanDA's load-balanced host name now and then instead of pinning one address.
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 256,
            });
        return services;
    }
}
