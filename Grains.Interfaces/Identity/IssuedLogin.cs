namespace Grains.Interfaces.Identity;

/// <summary>A started or renewed login: who, which login session, and its current refresh token (shown once, stored only hashed).</summary>
[GenerateSerializer, Immutable, Alias("IssuedLogin")]
public sealed record IssuedLogin(
    [property: Id(0)] UserProfile User,
    [property: Id(1)] Guid SessionId,
    [property: Id(2)] string RefreshToken,
    [property: Id(3)] DateTimeOffset RefreshTokenExpiresAt);
