namespace Grains.Interfaces;

[GenerateSerializer, Immutable, Alias("IssuedRefreshToken")]
public sealed record IssuedRefreshToken(
    [property: Id(0)] string Token,
    [property: Id(1)] DateTimeOffset ExpiresAt);
