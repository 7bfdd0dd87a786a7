using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace PandaMcp.Gateway.Hosting;

/// <summary>The gateway's web host: the port PanDA's MCP server uses, the Host names it answers, a limit on request bodies.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>The Host names served when <c>AllowedHosts</c> is not configured: loopback only.</summary>
    public const string DefaultAllowedHosts = "localhost;127.0.0.1;[::1]";

    public static WebApplicationBuilder AddPandaGateway(this WebApplicationBuilder builder)
    {
        builder.AddPandaServerConfig();
        // DNS-rebinding protection: ASP.NET's host filtering answers 400 to a request whose Host header is not in
        // AllowedHosts, so a web page whose name resolves to this machine cannot drive the gateway. The default
        // (loopback names) sits below every other configuration source; a deployment lists the names its clients
        // or its proxy use (AllowedHosts=panda.example.org;localhost), or "*" behind a proxy that checks Host.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new KeyValuePair<string, string?>("AllowedHosts", DefaultAllowedHosts)],
        });
        builder.Services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (configuration[GatewayOptions.PortVariable] is { Length: > 0 } port && int.TryParse(port, out var value))
                {
                    options.Port = value;
                }
                options.Transport = PandaServerConfig.Either(configuration, $"{GatewayOptions.SectionName}:Transport", PandaServerConfig.Transport) ?? options.Transport;
                options.CertificateFile = PandaServerConfig.Either(configuration, $"{GatewayOptions.SectionName}:CertificateFile", PandaServerConfig.CertificateFile);
                options.KeyFile = PandaServerConfig.Either(configuration, $"{GatewayOptions.SectionName}:KeyFile", PandaServerConfig.KeyFile);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var options = kestrel.ApplicationServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            var certificate = options.CertificateFile is { } certificateFile
                ? X509Certificate2.CreateFromPemFile(certificateFile, options.KeyFile)
                : null;
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }
            // --urls (or ASPNETCORE_URLS) wins; otherwise PanDA's MCP port on every interface, as PanDA serves it.
            if (string.IsNullOrEmpty(context.Configuration[WebHostDefaults.ServerUrlsKey]))
            {
                kestrel.ListenAnyIP(options.Port, listen =>
                {
                    if (certificate is not null)
                    {
                        listen.UseHttps();
                    }
                });
            }
        });
        return builder;
    }

    /// <summary>Answers 413 to a body declared larger than the limit, before anything reads it.</summary>
    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        var limit = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.MaxRequestBodyBytes;
        app.Use((context, next) =>
        {
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                // The unread body is too large for Kestrel to drain, so it drops the connection: say so, or the
                // client sends its next request on it and gets no answer.
                context.Response.Headers.Connection = "close";
                return context.Response.WriteAsync($"The request body is larger than this server accepts ({limit} bytes). Send a smaller request.");
            }
            return next(context);
        });
        return app;
    }
}
