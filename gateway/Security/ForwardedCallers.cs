using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PandaMcp.Gateway.Security;

/// <summary>
/// Callers behind a reverse proxy (PanDA's Apache <c>ProxyPass</c>, an ingress) told apart by the address the proxy
/// forwards in <c>X-Forwarded-For</c>, with ASP.NET's forwarded headers: honoured only from the proxies and networks
/// of <see cref="SecurityOptions.TrustedProxies"/>, so that no caller names its own address. Without them every
/// anonymous caller would have the proxy's address and share one budget of calls. ASP.NET does not read RFC 7239's
/// <c>Forwarded</c> header (dotnet/aspnetcore#5978); Apache, nginx and the Kubernetes ingresses send
/// <c>X-Forwarded-For</c>.
/// </summary>
public static class ForwardedCallers
{
    public static IServiceCollection AddForwardedCallers(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((forwarded, security) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            // Every hop through a trusted proxy, down to the first address that is not one: the caller.
            forwarded.ForwardLimit = null;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in TrustedProxies.Parse(security.Value.TrustedProxies))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>First of all: every check after it sees the caller's address, not the proxy's.</summary>
    public static WebApplication UseForwardedCallers(this WebApplication app)
    {
        if (TrustedProxies.Parse(app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.TrustedProxies).Count > 0)
        {
            app.UseForwardedHeaders();
        }
        return app;
    }
}
