using System.Reflection;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Microsoft.Extensions.Options;
using PandaMcp.Gateway.Cluster;
using PandaMcp.Gateway.Identity;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Sessions;
using PandaMcp.Gateway.Tools;
using PandaMcp.Silo.PublicReads;

namespace PandaMcp.Gateway.Hosting;

/// <summary>The MCP server: PanDA's endpoints as tools over Streamable HTTP at /mcp.</summary>
public static class McpHostingExtensions
{
    public const string ServerName = "PandaMcp";

    /// <summary>What the gateway says it is: in initialize's answer, and in server/discover's.</summary>
    public static Implementation ServerInfo { get; } = new()
    {
        Name = ServerName,
        Title = "PanDA MCP",
        Version = typeof(McpHostingExtensions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0",
    };

    public static WebApplicationBuilder AddPandaMcpServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>()
            .BindConfiguration(CatalogOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.EndpointListFile =
                PandaServerConfig.Either(configuration, $"{CatalogOptions.SectionName}:EndpointListFile", PandaServerConfig.EndpointListFile));
        builder.Services.AddOptions<StreamOptions>()
            .BindConfiguration(StreamOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<PandaToolSet>();
        builder.Services.AddSingleton<IValidateOptions<PublicReadOptions>, PublicReadToolsValidation>();
        builder.Services.AddSingleton<PandaToolInvoker>();
        builder.Services.AddSingleton<PandaToolHandlers>();
        builder.Services.AddSingleton<StatelessToolCalls>();
        builder.Services.AddClusterSessions();
        builder.Services.AddOptions<McpServerOptions>().Configure<PandaToolHandlers>((options, handlers) =>
        {
            options.ServerInfo = ServerInfo;
            options.Handlers.ListToolsHandler = handlers.ListAsync;
            options.Handlers.CallToolHandler = handlers.CallAsync;
        });
        builder.Services.AddMcpServer()
            // The SDK serves only sessionless (2026-07-28) requests: the gateway answers session clients itself.
            .WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.Stateless);
        return builder;
    }

    /// <summary>Reads each MCP request once (<see cref="McpRequest"/>), before the checks that need its caller or message.</summary>
    public static WebApplication UseMcpRequests(this WebApplication app)
    {
        app.UseWhen(context => McpPaths.IsMcp(context.Request.Path),
            branch => branch.UseMiddleware<McpRequestReader>().UseMiddleware<CallerVerification>());
        return app;
    }

    public static WebApplication MapPandaMcp(this WebApplication app)
    {
        // Build the tools now, so that a bad endpoint list stops start-up instead of the first request.
        app.Services.GetRequiredService<PandaToolSet>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(McpPaths.Mcp, out var rest) && rest.Value is "" or "/",
            branch => branch.UseMiddleware<ClusterStoreGate>().UseMiddleware<McpRouting>());
        // The SDK's endpoint, for the sessionless requests the gateway leaves to it. Routing ignores a trailing
        // slash: this serves /mcp and /mcp/ (the path PanDA's Apache proxies).
        app.MapMcp(McpPaths.Mcp);
        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.ServesLegacySse)
        {
            app.UseWhen(context => McpPaths.IsLegacy(context.Request.Path), branch => branch.UseMiddleware<ClusterStoreGate>());
            var legacy = app.Services.GetRequiredService<LegacySseEndpoints>();
            app.MapGet(McpPaths.LegacyStream, legacy.OpenStreamAsync);
            app.MapPost(McpPaths.LegacyMessages, legacy.PostMessageAsync);
        }
        return app;
    }
}
