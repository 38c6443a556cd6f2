namespace Grains.Interfaces.Identity;

/// <summary>
/// Who an external provider says signed in: its validated subject and, as the provider states them, the email,
/// whether the provider verified it, and a display name.
/// </summary>
[GenerateSerializer, Immutable, Alias("ExternalIdentity")]
public sealed record ExternalIdentity(
    [property: Id(0)] string Provider,
    [property: Id(1)] string Subject,
    [property: Id(2)] string? Email,
    [property: Id(3)] bool EmailVerified,
    [property: Id(4)] string? FullName);
