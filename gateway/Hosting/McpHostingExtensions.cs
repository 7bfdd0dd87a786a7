using System.Reflection;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Microsoft.Extensions.Options;
using PandaMcp.Gateway.Cluster;
using PandaMcp.Gateway.Legacy;
using PandaMcp.Gateway.Sessions;
using PandaMcp.Gateway.Telemetry;
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
        builder.Services.AddSingleton<ToolCallProgress>();
        builder.Services.AddOptions<McpServerOptions>().Configure<PandaToolHandlers>((options, handlers) =>
        {
            options.ServerInfo = new Implementation { Name = ServerName, Title = "PanDA MCP", Version = Version };
            options.Handlers.ListToolsHandler = handlers.ListAsync;
            options.Handlers.CallToolHandler = handlers.CallAsync;
#pragma warning disable MCP9005 // Logging is deprecated from 2026-07-28 on; session clients still set it.
            options.Handlers.SetLoggingLevelHandler = handlers.SetLoggingLevelAsync;
#pragma warning restore MCP9005
        });
        builder.AddClusterSessions();
        builder.Services.AddMcpServer()
            // 2026-07-28 clients are served statelessly; 2024-11-05 to 2025-11-25 clients get sessions.
            .WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients);
        return builder;
    }

    public static WebApplication MapPandaMcp(this WebApplication app)
    {
        // Build the tools now, so that a bad endpoint list stops start-up instead of the first request.
        app.Services.GetRequiredService<PandaToolSet>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(McpPath, out var rest) && rest.Value is "" or "/",
            branch => branch.UseMiddleware<ClusterStoreGate>().UseMiddleware<StatelessToolCallMiddleware>().UseMiddleware<SessionGate>().UseMiddleware<StreamCountingMiddleware>());
        // Routing ignores a trailing slash: this serves /mcp and /mcp/ (the path PanDA's Apache proxies).
        app.MapMcp(McpPath);
        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.ServesLegacySse)
        {
            app.UseWhen(
                context => context.Request.Path.StartsWithSegments(LegacySseEndpoints.StreamPath)
                    || context.Request.Path.StartsWithSegments(LegacySseEndpoints.MessagePath.TrimEnd('/')),
                branch => branch.UseMiddleware<ClusterStoreGate>());
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
