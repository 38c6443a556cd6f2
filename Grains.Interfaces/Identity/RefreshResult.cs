namespace Grains.Interfaces;

[GenerateSerializer, Alias("RefreshStatus")]
public enum RefreshStatus
{
    Rotated,
    /// <summary>Unknown, malformed, expired or revoked.</summary>
    Invalid,
    /// <summary>A spent token came back: the whole login was revoked.</summary>
    Reused,
}

[GenerateSerializer, Immutable, Alias("RefreshResult")]
public sealed record RefreshResult(
    [property: Id(0)] RefreshStatus Status,
    [property: Id(1)] IssuedLogin? Login = null);
