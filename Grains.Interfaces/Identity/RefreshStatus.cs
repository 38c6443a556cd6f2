namespace Grains.Interfaces.Identity;

[GenerateSerializer, Alias("RefreshStatus")]
public enum RefreshStatus
{
    Rotated,
    /// <summary>Unknown, malformed, expired or revoked.</summary>
    Invalid,
    /// <summary>A spent token came back: the whole login was revoked.</summary>
    Reused,
}
