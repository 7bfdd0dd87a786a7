using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;

namespace PandaMcp.Gateway.Sessions;

/// <summary>Sessions of 2024-11-05 to 2025-11-25 clients kept in the cluster: any gateway serves any of them.</summary>
public static class SessionHostingExtensions
{
    public static WebApplicationBuilder AddClusterSessions(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<SessionTransportOptions>()
            .BindConfiguration(SessionTransportOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SessionEventMessages>();
        builder.Services.AddSingleton<OpenPostStreams>();
        builder.Services.AddSingleton<GrainEventStreamStore>();
        builder.Services.AddSingleton<GrainSessionMigrationHandler>();
        builder.Services.AddOptions<HttpServerTransportOptions>()
            .Configure<GrainEventStreamStore, GrainSessionMigrationHandler, IOptions<SessionTransportOptions>>((transport, store, migration, sessions) =>
            {
                // Obsolete (MCP9006) only because 2026-07-28 has no sessions; session clients still rely on them.
#pragma warning disable MCP9006
                transport.EventStreamStore = store;
                transport.SessionMigrationHandler = migration;
                // The SDK's copy of a session on this gateway: the session itself lives in its grain.
                transport.IdleTimeout = sessions.Value.LocalCopyIdleTimeout;
#pragma warning restore MCP9006
            });
        return builder;
    }
}
