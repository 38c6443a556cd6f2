namespace Grains.Interfaces.Identity;

[GenerateSerializer, Immutable, Alias("IssuedRefreshToken")]
public sealed record IssuedRefreshToken(
    [property: Id(0)] string Token,
    [property: Id(1)] DateTimeOffset ExpiresAt);
