using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Silo.Health;
using Silo.Persistence;
using Silo.Telemetry;

namespace Silo.Operations;

public static class OperationsEndpoints
{
    /// <summary>Health checks, the Prometheus scrape endpoint and the dashboard's access options.</summary>
    public static IHostApplicationBuilder AddPlatformOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPlatformHealthChecks();
        builder.Services.AddOptions<DashboardAccessOptions>().BindConfiguration(DashboardAccessOptions.SectionName);
        builder.AddPlatformTelemetry();
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c> and the Orleans dashboard at <c>/dashboard</c>.
    /// In cluster mode only administrators may open the dashboard and the dead-letter endpoints (<see cref="DashboardAccessOptions"/>).
    /// </summary>
    public static WebApplication MapPlatformOperations(this WebApplication app)
    {
        var access = app.Services.GetRequiredService<IOptions<DashboardAccessOptions>>().Value;
        var clustered = app.Services.GetRequiredService<PlatformDatabase>().IsClustered;
        if (access.RequireAdmin ?? clustered)
            app.UseWhen(c => DashboardAccessOptions.AdminPaths.Any(p => c.Request.Path.StartsWithSegments(p)),
                branch => branch.UseMiddleware<DashboardAdminGate>());

        app.MapPlatformHealth();
        app.MapPlatformMetrics();
        app.MapOrleansDashboard(routePrefix: DashboardAccessOptions.RoutePrefix);
        return app;
    }
}
