namespace Grains.Interfaces.Identity;

/// <summary>The user a provider account resolves to, and how; <see cref="UserId"/> is empty for <see cref="ExternalSignInOutcome.EmailMissing"/>.</summary>
[GenerateSerializer, Immutable, Alias("ExternalLink")]
public sealed record ExternalLink(
    [property: Id(0)] ExternalSignInOutcome Outcome,
    [property: Id(1)] Guid UserId = default);
