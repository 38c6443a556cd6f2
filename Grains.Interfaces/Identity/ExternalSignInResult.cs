namespace Grains.Interfaces.Identity;

[GenerateSerializer, Immutable, Alias("ExternalSignInResult")]
public sealed record ExternalSignInResult(
    [property: Id(0)] ExternalSignInOutcome Outcome,
    [property: Id(1)] IssuedLogin? Login = null);
