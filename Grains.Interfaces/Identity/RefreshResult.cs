namespace Grains.Interfaces.Identity;

[GenerateSerializer, Immutable, Alias("RefreshResult")]
public sealed record RefreshResult(
    [property: Id(0)] RefreshStatus Status,
    [property: Id(1)] IssuedLogin? Login = null);
