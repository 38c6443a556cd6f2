using Orleans.Concurrency;

namespace Grains.Interfaces.Content;

/// <summary>
/// A fixed range of <see cref="SegmentSize"/> feed sequence numbers, keyed by <c>sequence / SegmentSize</c>:
/// the feed's index entries, so a page of the feed reads one or two of these instead of every post.
/// </summary>
public interface IPostFeedSegmentGrain : IGrainWithIntegerKey
{
    public const int SegmentSize = 256;

    /// <summary>Completes once the entry is stored. Interleaves, so concurrent adds share one storage write.</summary>
    [AlwaysInterleave]
    Task AddAsync(IndexEntry entry);

    /// <summary>Completes once the removal is stored; interleaves as <see cref="AddAsync"/> does.</summary>
    [AlwaysInterleave]
    Task RemoveAsync(long sequence);

    /// <summary>Up to <paramref name="max"/> entries below <paramref name="before"/>, newest first.</summary>
    [ReadOnly]
    Task<IndexEntry[]> ReadAsync(long before, int max);
}
