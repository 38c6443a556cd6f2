namespace Grains.Interfaces.Identity;

/// <summary>A single-use token to send by mail to <paramref name="Email"/>, in a link only its reader can follow.</summary>
[GenerateSerializer, Immutable, Alias("MailToken")]
public sealed record MailToken(
    [property: Id(0)] string Email,
    [property: Id(1)] string? FullName,
    [property: Id(2)] string Token,
    [property: Id(3)] DateTimeOffset ExpiresAt);
