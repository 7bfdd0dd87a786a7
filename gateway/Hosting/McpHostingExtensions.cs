using System.Reflection;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Microsoft.Extensions.Options;
using PandaMcp.Gateway.Legacy;
using PandaMcp.Gateway.Tools;

namespace PandaMcp.Gateway.Hosting;

/// <summary>The MCP server: PanDA's endpoints as tools over Streamable HTTP at /mcp.</summary>
public static class McpHostingExtensions
{
    public const string ServerName = "PandaMcp";
    public const string McpPath = "/mcp";

    public static WebApplicationBuilder AddPandaMcpServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>()
            .BindConfiguration(CatalogOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.EndpointListFile =
                PandaServerConfig.Either(configuration, $"{CatalogOptions.SectionName}:EndpointListFile", PandaServerConfig.EndpointListFile));
        builder.Services.AddSingleton<LegacySseEndpoints>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<PandaToolSet>();
        builder.Services.AddSingleton<PandaToolInvoker>();
        builder.Services.AddSingleton<PandaToolHandlers>();
        builder.Services.AddOptions<McpServerOptions>().Configure<PandaToolHandlers>((options, handlers) =>
        {
            options.ServerInfo = new Implementation { Name = ServerName, Title = "PanDA MCP", Version = Version };
            options.Handlers.ListToolsHandler = handlers.ListAsync;
            options.Handlers.CallToolHandler = handlers.CallAsync;
        });
        // Resumability for session clients (2025-11-25 and older): each SSE event of a session gets an id and is
        // kept, so a client that loses a stream reconnects with GET + Last-Event-ID and gets what it missed (with
        // a store, the SDK opens each stream with a priming event: an id and no data). The events live in this
        // process's memory for now (the SDK's default expiry; the memory cache takes no more entries beyond
        // 200 MB), so a resume must reach the same gateway; a later change keeps them in grains.
        builder.Services.AddDistributedMemoryCache();
        var mcp = builder.Services.AddMcpServer()
            // 2026-07-28 clients are served statelessly; 2024-11-05 to 2025-11-25 clients get sessions.
            .WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients);
        // Obsolete (MCP9006) only because 2026-07-28 has no sessions; session clients still resume through it.
#pragma warning disable MCP9006
        mcp.WithDistributedCacheEventStreamStore();
#pragma warning restore MCP9006
        return builder;
    }

    public static WebApplication MapPandaMcp(this WebApplication app)
    {
        // Build the tools now, so that a bad endpoint list stops start-up instead of the first request.
        app.Services.GetRequiredService<PandaToolSet>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(McpPath, out var rest) && rest.Value is "" or "/",
            branch => branch.UseMiddleware<StatelessToolCallMiddleware>());
        // Routing ignores a trailing slash: this serves /mcp and /mcp/ (the path PanDA's Apache proxies).
        app.MapMcp(McpPath);
        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.ServesLegacySse)
        {
            var legacy = app.Services.GetRequiredService<LegacySseEndpoints>();
            app.MapGet(LegacySseEndpoints.StreamPath, legacy.OpenStreamAsync);
            app.MapPost(LegacySseEndpoints.MessagePath, legacy.PostMessageAsync);
        }
        return app;
    }

    private static string Version { get; } =
        typeof(McpHostingExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
