using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Silo.Health;
using Silo.Hosting;
using Silo.Telemetry;

namespace Silo.Operations;

public static class OperationsEndpoints
{
    public const string DashboardPath = "/dashboard";

    /// <summary>Health checks, the Prometheus scrape endpoint, and the operator credentials with their scheme and policy.</summary>
    public static IHostApplicationBuilder AddPlatformOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddPlatformHealthChecks();
        builder.Services.AddSettingsSection<OperatorOptions>(OperatorOptions.LegacySectionName);
        builder.Services.AddSettings<OperatorOptions>(OperatorOptions.SectionName)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                // The keys of earlier versions, read where the new ones are unset.
                var legacy = configuration.GetSection(OperatorOptions.LegacySectionName);
                if (!options.HasBasic && !options.HasToken)
                {
                    options.Username = legacy[nameof(OperatorOptions.Username)];
                    options.Password = legacy[nameof(OperatorOptions.Password)];
                    options.Token = legacy[nameof(OperatorOptions.Token)];
                }
            });
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>());
        builder.Services.TryAddSingleton<OperatorCredentials>();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, OperatorAuthenticationHandler>(OperatorAccess.Scheme, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(OperatorAccess.Policy,
            policy => policy.AddAuthenticationSchemes(OperatorAccess.Scheme).RequireAuthenticatedUser());
        builder.AddPlatformTelemetry();
        return builder;
    }

    /// <summary><c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c> and, for operators only, the Orleans dashboard at <c>/dashboard</c>.</summary>
    public static WebApplication MapPlatformOperations(this WebApplication app)
    {
        // Settled now, so the embedded default says at start where its generated token is.
        app.Services.GetRequiredService<OperatorCredentials>();
        app.MapPlatformHealth();
        app.MapPlatformMetrics();
        app.MapOrleansDashboard(routePrefix: DashboardPath).RequireAuthorization(OperatorAccess.Policy).ExcludeFromDescription();
        return app;
    }
}
