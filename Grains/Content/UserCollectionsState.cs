using Grains.Interfaces.Content;

namespace Grains.Content;

[GenerateSerializer, Alias("Content.UserCollectionsState")]
public sealed record UserCollectionsState
{
    /// <summary>Ascending by sequence number, which is the order of creation.</summary>
    [Id(0)] public List<IndexEntry> Entries { get; init; } = [];

    [Id(1)] public long NextSequence { get; set; }
}
