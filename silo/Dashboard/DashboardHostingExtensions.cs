using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Orleans.Runtime;

namespace PandaMcp.Silo.Dashboard;

/// <summary>The Orleans dashboard, on hosts that run a silo, when <c>PandaMcp:Dashboard:Enabled</c> is true.</summary>
public static class DashboardHostingExtensions
{
    public static IHostApplicationBuilder AddPandaDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PandaDashboardOptions>()
            .BindConfiguration(PandaDashboardOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (builder.Configuration.GetSection(PandaDashboardOptions.SectionName).GetValue<bool>(nameof(PandaDashboardOptions.Enabled)))
        {
            builder.UseOrleans(silo => silo.AddDashboard());
        }
        return builder;
    }

    /// <summary>
    /// Maps the dashboard under its prefix behind Basic authentication. Nothing is mapped when it is not enabled,
    /// or on a host without a silo (a gateway that is a cluster client).
    /// </summary>
    public static WebApplication MapPandaDashboard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PandaDashboardOptions>>().Value;
        if (!options.Enabled || app.Services.GetService<ISiloStatusOracle>() is null)
        {
            return app;
        }
        var credentials = new DashboardCredentials(options.Username, options.Password!);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(options.PathPrefix),
            branch => branch.Use((context, next) =>
            {
                if (credentials.Accepts(context.Request.Headers.Authorization))
                {
                    return next(context);
                }
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"Orleans dashboard\", charset=\"UTF-8\"";
                return Task.CompletedTask;
            }));
        app.MapOrleansDashboard(routePrefix: options.PathPrefix);
        return app;
    }
}
