namespace Grains.Interfaces.Identity;

/// <summary>What the callback of a started social sign-in needs to finish it; never leaves the server.</summary>
[GenerateSerializer, Immutable, Alias("PendingSignIn")]
public sealed record PendingSignIn(
    [property: Id(0)] string Provider,
    [property: Id(1)] string Nonce,
    [property: Id(2)] string CodeVerifier,
    [property: Id(3)] string RedirectUri);
