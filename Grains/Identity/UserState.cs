namespace Grains.Identity;

[GenerateSerializer, Alias("UserState")]
public sealed class UserState : ICountsFailures
{
    [Id(0)] public string Email { get; set; } = "";
    [Id(1)] public string? FullName { get; set; }
    /// <summary>PHC string; null for accounts that only sign in through a provider.</summary>
    [Id(2)] public string? PasswordHash { get; set; }
    /// <summary>Linked external sign-in providers ("google", …).</summary>
    [Id(3)] public List<string> Providers { get; set; } = [];
    [Id(4)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Failed logins since <see cref="FailuresSince"/>; failures older than one lockout period are forgotten.</summary>
    [Id(5)] public int RecentFailures { get; set; }
    [Id(6)] public DateTimeOffset? FailuresSince { get; set; }
    [Id(7)] public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>The owner proved to read mail at <see cref="Email"/> (a verification link, a password reset, or a provider that verified it).</summary>
    [Id(8)] public bool EmailVerified { get; set; }
    /// <summary>The latest verification link's secret; a newer one replaces it.</summary>
    [Id(9)] public PendingSecret? EmailVerification { get; set; }
    /// <summary>The latest password-reset link's secret; a newer one replaces it.</summary>
    [Id(10)] public PendingSecret? PasswordReset { get; set; }
    /// <summary>A copy for the profile of what the two-factor grain decides; logins ask that grain, never this.</summary>
    [Id(11)] public bool MfaEnabled { get; set; }
    /// <summary>The keys of the provider accounts linked to this one (<c>provider:subject</c>), for erasure to unlink.</summary>
    [Id(12)] public List<string> ExternalLogins { get; set; } = [];
    /// <summary>Set when the account's erasure began: from then on it exists for nobody, though its parts are still being removed.</summary>
    [Id(13)] public DateTimeOffset? ErasingSince { get; set; }
}
