namespace Grains.Interfaces.Identity;

/// <summary>
/// The first half of a password login: the stored hash to check, or the lockout that forbids checking.
/// <see cref="PasswordHash"/> is null for an account without a password (social sign-in only).
/// </summary>
[GenerateSerializer, Immutable, Alias("LogInAttempt")]
public sealed record LogInAttempt(
    [property: Id(0)] bool LockedOut,
    [property: Id(1)] string? PasswordHash,
    [property: Id(2)] TimeSpan? RetryAfter = null);
