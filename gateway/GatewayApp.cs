using PandaMcp.Gateway.Cluster;
using PandaMcp.Gateway.Hosting;
using PandaMcp.Gateway.Identity;
using PandaMcp.Gateway.Telemetry;
using PandaMcp.Gateway.Security;
using PandaMcp.Silo.Dashboard;
using PandaMcp.Silo.Hosting;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Gateway;

/// <summary>The gateway's composition: what <c>Program</c> runs, and what the tests host.</summary>
public static class GatewayApp
{
    /// <param name="args">Command-line arguments (configuration keys as <c>--Key=value</c>).</param>
    /// <param name="configure">A last change to the builder, for hosts such as tests that add a log sink.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPandaLogLevelDefaults();
        builder.AddPandaGateway();
        builder.AddPandaSecurity();
        builder.AddCallerVerification();
        builder.AddPandaCluster();
        builder.AddPandaMcpServer();
        builder.AddGatewayTelemetry();
        builder.AddGracefulShutdown();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseForwardedCallers();
        app.UseOriginCheck();
        app.UseRequestBodyLimit();
        app.UseMcpRequests();
        app.UseCallerLimits();
        app.UseSessionLogScope();
        app.MapPandaMcp();
        app.MapPandaHealth();
        app.MapPandaMetrics();
        app.MapPandaDashboard();
        return app;
    }
}
