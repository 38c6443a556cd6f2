using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class UserCollectionsGrain(
    [PersistentState("user-collections", StorageNames.Platform)] IPersistentState<UserCollectionsState> state) : Grain, IUserCollectionsGrain
{
    private List<IndexEntry> Entries => state.State.Entries;

    public Task AddAsync(string collectionId) => state.ApplyAndWriteAsync(this, index =>
    {
        if (index.Entries.Exists(e => e.Id == collectionId)) return false;
        index.Entries.Add(new() { Sequence = index.NextSequence++, Id = collectionId });
        return true;
    });

    public Task RemoveAsync(string collectionId) =>
        state.ApplyAndWriteAsync(this, index => index.Entries.RemoveAll(e => e.Id == collectionId) > 0);

    public Task<IndexEntry[]> ReadAsync(long? before, int max)
    {
        var end = before is { } bound ? Entries.FindLastIndex(e => e.Sequence < bound) + 1 : Entries.Count;
        var count = Math.Min(max, end);
        var page = new IndexEntry[count];
        for (var i = 0; i < count; i++)
            page[i] = Entries[end - 1 - i];
        return Task.FromResult(page);
    }
}
