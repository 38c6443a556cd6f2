using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class PostFeedSegmentGrain(
    [PersistentState("post-feed-segment", StorageNames.Platform)] IPersistentState<PostFeedSegmentState> state) : Grain, IPostFeedSegmentGrain
{
    private List<IndexEntry> Entries => state.State.Entries;

    public Task AddAsync(IndexEntry entry) => state.ApplyAndWriteAsync(this, _ =>
    {
        var index = IndexOf(entry.Sequence);
        if (index >= 0) return false;
        Entries.Insert(~index, entry);
        return true;
    });

    public Task RemoveAsync(long sequence) => state.ApplyAndWriteAsync(this, _ =>
    {
        var index = IndexOf(sequence);
        if (index < 0) return false;
        Entries.RemoveAt(index);
        return true;
    });

    public Task<IndexEntry[]> ReadAsync(long before, int max) => Task.FromResult(OrderedIndex.NewestBefore(Entries, before, max));

    private int IndexOf(long sequence) => OrderedIndex.IndexOf(Entries, sequence);
}
