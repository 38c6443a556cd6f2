using Grains.Interfaces.Content;

namespace Grains.Content;

/// <remarks>The alias is the name this state had when the feed was the only segmented index: stored rows keep loading.</remarks>
[GenerateSerializer, Alias("Content.PostFeedSegmentState")]
public sealed record IndexSegmentState
{
    /// <summary>Ascending by sequence number.</summary>
    [Id(0)] public List<IndexEntry> Entries { get; init; } = [];
}
