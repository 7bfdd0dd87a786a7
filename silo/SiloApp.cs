using PandaMcp.Silo.Dashboard;
using PandaMcp.Silo.Hosting;
using PandaMcp.Silo.Telemetry;

namespace PandaMcp.Silo;

/// <summary>The silo process's composition: what <c>Program</c> runs, and what the tests host.</summary>
public static class SiloApp
{
    /// <param name="args">Command-line arguments (configuration keys as <c>--Key=value</c>).</param>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPandaLogLevelDefaults();
        builder.AddPandaSilo();
        builder.AddSiloHealthChecks();
        builder.AddGracefulShutdown();
        builder.AddPandaTelemetry();

        var app = builder.Build();
        app.MapPandaHealth();
        app.MapPandaMetrics();
        app.MapPandaDashboard();
        return app;
    }
}
