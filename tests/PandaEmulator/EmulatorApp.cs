using PandaEmulator.Hosting;

namespace PandaEmulator;

/// <summary>
/// The PanDA emulator as an application: PanDA server REST API v1 on <c>/api/v1/&lt;module&gt;/&lt;function&gt;</c>
/// plus control routes on <c>/_emulator</c>. <c>Program</c> runs the same app.
/// </summary>
public static class EmulatorApp
{
    /// <summary>Builds the emulator from command-line arguments (<c>--urls</c>, <c>--issuer</c>, <c>--delay-ms</c>...).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(EmulatorApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(args, CommandLineSwitches.Mappings.ToDictionary());
        builder.AddPandaEmulator();
        var app = builder.Build();
        app.MapPandaEmulator();
        return app;
    }

    /// <summary>
    /// Builds and starts an emulator, on <c>http://127.0.0.1:0</c> (a free port) unless <c>--urls</c> is given.
    /// </summary>
    public static async Task<RunningEmulator> StartAsync(params string[] args)
    {
        var arguments = args.Contains("--urls") || args.Any(a => a.StartsWith("--urls=", StringComparison.Ordinal))
            ? args
            : [.. args, "--urls", "http://127.0.0.1:0"];
        var app = Build(arguments);
        await app.StartAsync();
        return new RunningEmulator(app);
    }
}
