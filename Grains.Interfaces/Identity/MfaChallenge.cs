namespace Grains.Interfaces.Identity;

/// <summary>The second step of a login: a short-lived token that, with a code, finishes it.</summary>
[GenerateSerializer, Immutable, Alias("MfaChallenge")]
public sealed record MfaChallenge(
    [property: Id(0)] string Token,
    [property: Id(1)] DateTimeOffset ExpiresAt);
