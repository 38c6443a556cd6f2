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
}
