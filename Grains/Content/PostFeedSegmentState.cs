using Grains.Interfaces.Content;

namespace Grains.Content;

[GenerateSerializer, Alias("Content.PostFeedSegmentState")]
public sealed record PostFeedSegmentState
{
    /// <summary>Ascending by sequence number.</summary>
    [Id(0)] public List<IndexEntry> Entries { get; init; } = [];
}
