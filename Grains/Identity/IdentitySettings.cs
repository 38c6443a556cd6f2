namespace Grains.Identity;

/// <summary>The grains' part of the "Auth" configuration section.</summary>
public sealed class IdentitySettings
{
    public const string SectionName = "Auth";

    /// <summary>How long an unused refresh token stays valid; each rotation starts a new period.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long after a rotation the spent token still answers with its successor instead of revoking the login.</summary>
    public TimeSpan RefreshReuseGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a started social sign-in may take to come back to its callback.</summary>
    public TimeSpan SignInFlowLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the link of a verification mail works.</summary>
    public TimeSpan EmailVerificationLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long the link of a password-reset mail works.</summary>
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long the second step of a login (the <c>mfa_token</c>) waits for its code.</summary>
    public TimeSpan MfaChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public AccountLockoutSettings RateLimits { get; set; } = new();
}
