namespace Grains.Content;

[GenerateSerializer, Alias("Content.PostMembershipState")]
public sealed record PostMembershipState
{
    [Id(0)] public HashSet<string> CollectionIds { get; init; } = [];

    /// <summary>Set when the post is deleted; kept so a repeated delete purges the same collections.</summary>
    [Id(1)] public bool Closed { get; set; }
}
