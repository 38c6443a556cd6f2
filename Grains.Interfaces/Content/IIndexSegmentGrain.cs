using Orleans.Concurrency;

namespace Grains.Interfaces.Content;

/// <summary>
/// A fixed range of <see cref="SegmentSize"/> feed sequence numbers of one index: entries in the order of the feed,
/// so a page reads one or two segments instead of every post.
/// </summary>
public interface IIndexSegmentGrain : IGrain
{
    public const int SegmentSize = 256;

    static long SegmentOf(long sequence) => sequence / SegmentSize;

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
