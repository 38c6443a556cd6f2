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

    public Task<IndexEntry[]> ReadAsync(long before, int max)
    {
        var index = IndexOf(before);
        var end = index >= 0 ? index : ~index;
        var count = Math.Min(max, end);
        var page = new IndexEntry[count];
        for (var i = 0; i < count; i++)
            page[i] = Entries[end - 1 - i];
        return Task.FromResult(page);
    }

    private int IndexOf(long sequence)
    {
        int low = 0, high = Entries.Count - 1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var found = Entries[middle].Sequence;
            if (found == sequence) return middle;
            if (found < sequence) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }
}
