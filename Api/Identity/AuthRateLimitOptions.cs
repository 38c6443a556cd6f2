namespace Api.Identity;

/// <summary>
/// Per-client limits (keys under <c>Auth:RateLimits</c>), counted per remote IP address in fixed windows. The
/// per-account lockout keys of the same section (<c>AccountFailureLimit</c>, <c>AccountLockout</c>) are read by the grains.
/// </summary>
public sealed class AuthRateLimitOptions
{
    public int LogInPermitLimit { get; set; } = 10;

    public TimeSpan LogInWindow { get; set; } = TimeSpan.FromMinutes(1);

    public int SignUpPermitLimit { get; set; } = 10;

    public TimeSpan SignUpWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Account mails asked for (verification resends per user, password resets per client) within <see cref="MailWindow"/>.</summary>
    public int MailPermitLimit { get; set; } = 5;

    public TimeSpan MailWindow { get; set; } = TimeSpan.FromMinutes(15);
}
