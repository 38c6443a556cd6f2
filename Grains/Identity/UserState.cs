namespace Grains.Identity;

[GenerateSerializer, Alias("UserState")]
public sealed class UserState
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
}
