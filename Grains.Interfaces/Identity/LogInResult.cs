namespace Grains.Interfaces.Identity;

[GenerateSerializer, Immutable, Alias("LogInResult")]
public sealed record LogInResult(
    [property: Id(0)] LogInStatus Status,
    [property: Id(1)] IssuedLogin? Login = null,
    [property: Id(2)] TimeSpan? RetryAfter = null,
    [property: Id(3)] MfaChallenge? Challenge = null);
