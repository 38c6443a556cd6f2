using Grains.Interfaces.Content;

namespace Grains.Content;

/// <summary>One user's ids of one kind; the kinds differ only in the state they are stored under.</summary>
internal abstract class UserIndexGrain(IPersistentState<UserIndexState> state) : Grain, IUserIndexGrain
{
    public Task AddAsync(string id) => state.ApplyAndWriteAsync(this, index =>
    {
        if (index.Entries.Exists(e => e.Id == id)) return false;
        index.Entries.Add(new(Sequence: index.NextSequence++, Id: id));
        return true;
    });

    public Task RemoveAsync(string id) =>
        state.ApplyAndWriteAsync(this, index => index.Entries.RemoveAll(e => e.Id == id) > 0);

    public Task<IndexEntry[]> ReadAsync(long? before, int max) => Task.FromResult(OrderedIndex.NewestBefore(state.State.Entries, before, max));
}
