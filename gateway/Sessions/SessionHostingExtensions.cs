namespace PandaMcp.Gateway.Sessions;

/// <summary>Sessions of 2024-11-05 to 2025-11-25 clients, served from their grains: any gateway serves any of them.</summary>
public static class SessionHostingExtensions
{
    public static IServiceCollection AddClusterSessions(this IServiceCollection services)
    {
        services.AddSingleton<SessionMethods>();
        services.AddSingleton<SessionToolCalls>();
        services.AddSingleton<SessionStreams>();
        services.AddSingleton<StreamableHttpSessions>();
        services.AddSingleton<LegacySseEndpoints>();
        return services;
    }
}
