using Microsoft.Extensions.Options;
using PandaMcp.Silo.Hosting;
using PandaMcp.Silo.Panda;

namespace PandaMcp.Gateway.Identity;

/// <summary>The check of callers' ID tokens: its options, validated at start, the HTTP client that reads the identity providers, the verifier.</summary>
public static class IdentityHostingExtensions
{
    public const string HttpClientName = "identity";

    public static WebApplicationBuilder AddCallerVerification(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>()
            .BindConfiguration(IdentityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // PanDA's address and how to trust it: its auth configuration is read from the same server.
        builder.Services.AddPandaClientOptions();
        builder.Services.AddHttpClient(HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                SslOptions = IdentityTls.ClientOptions(provider.GetRequiredService<IOptions<PandaClientOptions>>().Value),
            })
            .RemoveAllLoggers();
        builder.Services.AddSingleton<TokenVerifier>();
        return builder;
    }
}
