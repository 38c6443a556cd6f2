namespace Grains.Interfaces.Identity;

/// <summary>What else holds an account's identity, for its erasure to remove: the email index entry and the linked provider accounts.</summary>
[GenerateSerializer, Immutable, Alias("AccountFootprint")]
public sealed record AccountFootprint(
    [property: Id(0)] string Email,
    [property: Id(1)] string[] ExternalLoginKeys);
