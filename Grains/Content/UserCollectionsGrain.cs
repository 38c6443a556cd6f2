using Grains.Interfaces;
using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class UserCollectionsGrain(
    [PersistentState("user-collections", StorageNames.Platform)] IPersistentState<UserCollectionsState> state) : Grain, IUserCollectionsGrain
{
    private List<string> Ids => state.State.CollectionIds;

    public async Task AddAsync(string collectionId)
    {
        var index = Ids.BinarySearch(collectionId, StringComparer.Ordinal);
        if (index >= 0) return;
        Ids.Insert(~index, collectionId);
        await state.WriteOrDeactivateAsync(this);
    }

    public async Task RemoveAsync(string collectionId)
    {
        var index = Ids.BinarySearch(collectionId, StringComparer.Ordinal);
        if (index < 0) return;
        Ids.RemoveAt(index);
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<string[]> ReadAsync(string? before, int max)
    {
        var end = Ids.Count;
        if (before is not null)
        {
            var index = Ids.BinarySearch(before, StringComparer.Ordinal);
            end = index >= 0 ? index : ~index;
        }
        var count = Math.Min(max, end);
        var page = new string[count];
        for (var i = 0; i < count; i++)
            page[i] = Ids[end - 1 - i];
        return Task.FromResult(page);
    }
}
