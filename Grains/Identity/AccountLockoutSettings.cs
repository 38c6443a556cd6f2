namespace Grains.Identity;

/// <summary>Per-account brute-force protection (keys under <c>Auth:RateLimits</c>).</summary>
public sealed class AccountLockoutSettings
{
    /// <summary>Failed logins within one <see cref="AccountLockout"/> period after which the account is locked.</summary>
    public int AccountFailureLimit { get; set; } = 5;

    /// <summary>How long a locked account refuses logins, even with the right password.</summary>
    public TimeSpan AccountLockout { get; set; } = TimeSpan.FromMinutes(15);
}
