using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using PandaMcp.Clients;

namespace PandaMcp.StdioBridge;

/// <summary>The bridge's composition: a stdio MCP server whose tool handlers forward to the gateway.</summary>
internal static class BridgeHostingExtensions
{
    public static HostApplicationBuilder AddPandaBridge(this HostApplicationBuilder builder, BridgeOptions bridge)
    {
        // stdout carries the protocol: every log line goes to stderr, one line each.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o =>
        {
            o.FormatterName = OneLineConsoleFormatter.FormatterName;
            o.LogToStandardErrorThreshold = LogLevel.Trace;
        });
        builder.Logging.AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        // The bridge says itself, in fewer words, when forwarding fails; the SDK's own errors still show.
        builder.Logging.AddFilter("ModelContextProtocol", LogLevel.Error);

        builder.Services.AddOptions<BridgeOptions>()
            .Configure(o =>
            {
                o.Url = bridge.Url;
                o.TokenFile = bridge.TokenFile;
                o.Vo = bridge.Vo;
                o.CaBundle = bridge.CaBundle;
                o.PandaUrl = bridge.PandaUrl;
                o.RefreshMargin = bridge.RefreshMargin;
            });
        builder.Services.AddSingleton<IValidateOptions<BridgeOptions>, BridgeOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IdTokenFile>();
        builder.Services.AddHttpClient(BridgeLogin.HttpClientName, client => client.Timeout = BridgeLogin.Timeout);
        builder.Services.AddSingleton(services =>
        {
            var settings = services.GetRequiredService<IOptions<BridgeOptions>>().Value;
            return new PandaAuthClient(
                services.GetRequiredService<IHttpClientFactory>().CreateClient(BridgeLogin.HttpClientName), settings.PandaUrl, VoName(settings.Vo));
        });
        builder.Services.AddSingleton<TokenRefresher>();
        builder.Services.AddTransient<PandaCredentialHandler>();
        builder.Services.AddHttpClient(GatewayConnection.HttpClientName)
            // The agent cancels calls it gives up on, and the gateway bounds its PanDA calls; a client timeout
            // would only cut long PanDA answers short.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => CaBundle.CreateHandler(services.GetRequiredService<IOptions<BridgeOptions>>().Value.CaBundle))
            .AddHttpMessageHandler<PandaCredentialHandler>();
        builder.Services.AddSingleton<GatewayConnection>();
        builder.Services.AddSingleton<GatewayForwarder>();

        builder.Services.AddOptions<McpServerOptions>().Configure<GatewayForwarder>((options, forwarder) =>
        {
            options.ServerInfo = BridgeIdentity.Implementation;
            options.Handlers.ListToolsHandler = forwarder.ListToolsAsync;
            options.Handlers.CallToolHandler = forwarder.CallToolAsync;
        });
        builder.Services.AddMcpServer().WithStdioServerTransport();
        return builder;
    }

    /// <summary>The VO of an Origin value (<c>atlas:production</c> is VO atlas), whose auth configuration PanDA serves.</summary>
    public static string VoName(string? vo) => (vo ?? "atlas").Split(':', '.')[0];
}
