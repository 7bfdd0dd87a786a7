using Microsoft.Extensions.Options;
using PandaMcp.Catalog;
using PandaEmulator.Api;
using PandaEmulator.Auth;
using PandaEmulator.Faults;
using PandaEmulator.Handlers;
using PandaEmulator.Recording;
using PandaEmulator.State;

namespace PandaEmulator.Hosting;

/// <summary>Registers the emulator's services and maps its routes.</summary>
internal static class EmulatorHostingExtensions
{
    public static WebApplicationBuilder AddPandaEmulator(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // One log line per request would cost more than the emulated call itself under benchmark load.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        services.AddOptions<EmulatorOptions>().BindConfiguration(EmulatorOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => PandaCatalog.LoadEmbedded());
        services.AddSingleton<IHandlerModule, TaskCommandHandlers>();
        services.AddSingleton<IHandlerModule, TaskChangeHandlers>();
        services.AddSingleton<IHandlerModule, TaskQueryHandlers>();
        services.AddSingleton<IHandlerModule, JobHandlers>();
        services.AddSingleton<IHandlerModule, MetaconfigHandlers>();
        services.AddSingleton<IHandlerModule, StatisticsHandlers>();
        services.AddSingleton<IHandlerModule, SystemHandlers>();
        services.AddSingleton<IHandlerModule, HarvesterHandlers>();
        services.AddSingleton<IHandlerModule, DataCarouselHandlers>();
        services.AddSingleton<IHandlerModule, FileServerHandlers>();
        services.AddSingleton<IHandlerModule, OtherHandlers>();
        services.AddSingleton<HandlerRegistry>();
        services.AddSingleton<IdentityProvider>();
        services.AddSingleton<TokenGrants>();
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<EmulatorState>();
        services.AddSingleton<RequestRecorder>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<PandaApi>();
        services.AddSingleton<PandaApiEndpoint>();
        // PanDA reads multi-megabyte bodies (job lists, uploads) and so does the emulator.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        return builder;
    }

    public static WebApplication MapPandaEmulator(this WebApplication app)
    {
        // Build the handler table at start-up so a handler for a route the catalog lacks fails fast.
        _ = app.Services.GetRequiredService<HandlerRegistry>();
        app.MapEmulatorControl();
        app.MapIdentity();
        var endpoint = app.Services.GetRequiredService<PandaApiEndpoint>();
        app.Map("/api/{**rest}", endpoint.HandleAsync);
        return app;
    }
}
