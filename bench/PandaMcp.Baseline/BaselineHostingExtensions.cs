using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PandaMcp.Gateway.Hosting;
using PandaMcp.Gateway.Protocol;
using PandaMcp.Gateway.Tools;
using PandaMcp.Silo.Hosting;

namespace PandaMcp.Baseline;

/// <summary>
/// The gateway's MCP server as the SDK alone would serve it: the same tools, handler binding and session mode as
/// <see cref="McpHostingExtensions"/>, with the PanDA client in this process instead of behind a grain, and none
/// of the gateway's additions (its stateless tools/call fast path, the SSE event store, legacy SSE).
/// </summary>
public static class BaselineHostingExtensions
{
    public static WebApplicationBuilder AddBaselineMcpServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.SectionName);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddPandaClient();
        builder.Services.AddSingleton<PandaToolSet>();
        builder.Services.AddSingleton<InProcessToolHandlers>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<StreamOptions>().BindConfiguration(StreamOptions.SectionName);
        // Handlers bound through the options, as the gateway binds its own, so both pay the same per-call dispatch.
        builder.Services.AddOptions<McpServerOptions>().Configure<InProcessToolHandlers>((options, handlers) =>
        {
            // The gateway's own, so that a client sees the same server from both (the differential test compares them).
            options.ServerInfo = McpHostingExtensions.ServerInfo;
            options.Handlers.ListToolsHandler = handlers.ListAsync;
            options.Handlers.CallToolHandler = handlers.CallAsync;
        });
        builder.Services.AddMcpServer()
            .WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients);
        return builder;
    }
}
