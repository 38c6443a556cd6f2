namespace Grains.Interfaces.Identity;

/// <summary>
/// A validated account about to be created; the email is as the user typed it (trimmed), the hash in PHC format
/// (null for an account created by a social sign-in, which names its <paramref name="Provider"/> and whether that provider
/// verified the email).
/// </summary>
[GenerateSerializer, Immutable, Alias("NewUser")]
public sealed record NewUser(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string? FullName,
    [property: Id(3)] string? PasswordHash,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string? Provider = null,
    [property: Id(6)] bool EmailVerified = false,
    [property: Id(7)] string? ExternalLoginKey = null);
