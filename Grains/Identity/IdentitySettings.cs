using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Grains.Identity;

/// <summary>The grains' part of the "Auth" configuration section.</summary>
public sealed class IdentitySettings
{
    public const string SectionName = "Auth";

    /// <summary>How long an unused refresh token stays valid; each rotation starts a new period.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long a started social sign-in may take to come back to its callback.</summary>
    public TimeSpan SignInFlowLifetime { get; set; } = TimeSpan.FromMinutes(10);

    public AccountLockoutSettings RateLimits { get; set; } = new();

    private static IdentitySettings From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<IdentitySettings>() ?? new();

    /// <summary>
    /// Registers the settings, read from configuration once: grains that take them are activated per user and
    /// per sign-in, and binding configuration by reflection on each activation was a visible cost of a login.
    /// </summary>
    public static IServiceCollection Register(IServiceCollection services)
    {
        services.TryAddSingleton(sp => From(sp.GetRequiredService<IConfiguration>()));
        return services;
    }
}
