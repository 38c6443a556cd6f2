namespace Grains.Interfaces.Identity;

/// <summary>Who is at the other end of a request that starts or renews a login, as the account's session list shows it.</summary>
[GenerateSerializer, Immutable, Alias("ClientInfo")]
public sealed record ClientInfo(
    [property: Id(0)] string? UserAgent,
    [property: Id(1)] string? IpAddress)
{
    public static readonly ClientInfo Unknown = new(null, null);
}
