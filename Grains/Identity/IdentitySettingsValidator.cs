using Microsoft.Extensions.Options;

namespace Grains.Identity;

/// <summary>Lists every unusable setting the identity grains read, each with the key to fix.</summary>
public sealed class IdentitySettingsValidator : IValidateOptions<IdentitySettings>
{
    public ValidateOptionsResult Validate(string? name, IdentitySettings settings)
    {
        var failures = new List<string>();
        var section = IdentitySettings.SectionName;
        if (settings.RefreshTokenLifetime <= TimeSpan.Zero)
            failures.Add($"{section}:RefreshTokenLifetime must be positive.");
        if (settings.RefreshReuseGrace < TimeSpan.Zero || settings.RefreshReuseGrace >= settings.RefreshTokenLifetime)
            failures.Add($"{section}:RefreshReuseGrace must be zero or more, and shorter than {section}:RefreshTokenLifetime.");
        if (settings.EmailVerificationLifetime <= TimeSpan.Zero)
            failures.Add($"{section}:EmailVerificationLifetime must be positive.");
        if (settings.PasswordResetLifetime <= TimeSpan.Zero)
            failures.Add($"{section}:PasswordResetLifetime must be positive.");
        if (settings.MfaChallengeLifetime <= TimeSpan.Zero)
            failures.Add($"{section}:MfaChallengeLifetime must be positive.");
        if (settings.SignInFlowLifetime <= TimeSpan.Zero)
            failures.Add($"{section}:SignInFlowLifetime must be positive.");
        if (settings.RateLimits.AccountFailureLimit < 1)
            failures.Add($"{section}:RateLimits:AccountFailureLimit must be at least 1.");
        if (settings.RateLimits.AccountLockout <= TimeSpan.Zero)
            failures.Add($"{section}:RateLimits:AccountLockout must be positive.");
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
