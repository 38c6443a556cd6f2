using Grains.Interfaces.Content;

namespace Grains.Content;

/// <remarks>The alias is the name this state had when collections were the only user index: stored rows keep loading.</remarks>
[GenerateSerializer, Alias("Content.UserCollectionsState")]
public sealed record UserIndexState
{
    /// <summary>Ascending by sequence number, which is the order of creation.</summary>
    [Id(0)] public List<IndexEntry> Entries { get; init; } = [];

    [Id(1)] public long NextSequence { get; set; }
}
