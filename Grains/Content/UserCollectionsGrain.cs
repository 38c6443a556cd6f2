using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class UserCollectionsGrain(
    [PersistentState("user-collections", StorageNames.Platform)] IPersistentState<UserCollectionsState> state) : Grain, IUserCollectionsGrain
{
    private List<IndexEntry> Entries => state.State.Entries;

    public Task AddAsync(string collectionId) => state.ApplyAndWriteAsync(this, index =>
    {
        if (index.Entries.Exists(e => e.Id == collectionId)) return false;
        index.Entries.Add(new(Sequence: index.NextSequence++, Id: collectionId));
        return true;
    });

    public Task RemoveAsync(string collectionId) =>
        state.ApplyAndWriteAsync(this, index => index.Entries.RemoveAll(e => e.Id == collectionId) > 0);

    public Task<IndexEntry[]> ReadAsync(long? before, int max) => Task.FromResult(OrderedIndex.NewestBefore(Entries, before, max));
}
