using Grains.Interfaces;
using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class UserCollectionsGrain(
    [PersistentState("user-collections", StorageNames.Platform)] IPersistentState<UserCollectionsState> state) : Grain, IUserCollectionsGrain
{
    private List<IndexEntry> Entries => state.State.Entries;

    public async Task AddAsync(string collectionId)
    {
        if (Entries.Exists(e => e.Id == collectionId)) return;
        Entries.Add(new() { Sequence = state.State.NextSequence++, Id = collectionId });
        await state.WriteOrDeactivateAsync(this);
    }

    public async Task RemoveAsync(string collectionId)
    {
        if (Entries.RemoveAll(e => e.Id == collectionId) == 0) return;
        await state.WriteOrDeactivateAsync(this);
    }

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
