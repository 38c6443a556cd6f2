namespace Grains.Interfaces.Identity;

/// <summary>
/// A user's profile (email, name, providers) changed. Identity broadcasts it on <see cref="Channel"/> and does
/// not know who listens; whoever keeps a copy of a profile subscribes (the pipeline's enrichment does).
/// </summary>
[GenerateSerializer, Immutable, Alias("ProfileChanged")]
public sealed record ProfileChanged([property: Id(0)] Guid UserId)
{
    /// <summary>The broadcast channel provider's name.</summary>
    public const string Channel = "profile-changes";

    /// <summary>The channel namespace; each user's channel is keyed by the user id ("D" format).</summary>
    public const string Namespace = "user-profile";
}
