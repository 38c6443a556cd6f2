namespace Grains.Interfaces.Identity;

/// <summary>A login session's answer to a refresh: the new token and whose login it is when <see cref="Status"/> is Rotated.</summary>
[GenerateSerializer, Immutable, Alias("SessionRefresh")]
public sealed record SessionRefresh(
    [property: Id(0)] RefreshStatus Status,
    [property: Id(1)] Guid UserId = default,
    [property: Id(2)] IssuedRefreshToken? Token = null);
