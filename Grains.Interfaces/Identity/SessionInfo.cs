namespace Grains.Interfaces.Identity;

/// <summary>One active login as its owner may see it: when it started and was last renewed, and from where.</summary>
[GenerateSerializer, Immutable, Alias("SessionInfo")]
public sealed record SessionInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid UserId,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset LastUsedAt,
    [property: Id(4)] string? UserAgent,
    [property: Id(5)] string? IpAddress);
