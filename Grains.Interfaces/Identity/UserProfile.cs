namespace Grains.Interfaces.Identity;

/// <summary>What a user may see of their own account. <paramref name="Providers"/> names the ways they can sign in ("password", "google", …).</summary>
[GenerateSerializer, Immutable, Alias("UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string? FullName,
    [property: Id(3)] string[] Providers,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool EmailVerified = false,
    [property: Id(6)] bool MfaEnabled = false);
