using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class PostMembershipGrain(
    [PersistentState("post-membership", StorageNames.Platform)] IPersistentState<PostMembershipState> state) : Grain, IPostMembershipGrain
{
    public async Task<bool> AttachAsync(string collectionId)
    {
        if (state.State.Closed) return false;
        if (state.State.CollectionIds.Contains(collectionId)) return true;
        if (!await GrainFactory.GetGrain<IPostGrain>(this.GetPrimaryKeyString()).ExistsAsync()) return false;

        state.State.CollectionIds.Add(collectionId);
        await state.WriteOrDeactivateAsync(this);
        return true;
    }

    public async Task DetachAsync(string collectionId)
    {
        if (state.State.CollectionIds.Remove(collectionId))
            await state.WriteOrDeactivateAsync(this);
    }

    public async Task<string[]> CloseAsync()
    {
        if (!state.State.Closed)
        {
            state.State.Closed = true;
            await state.WriteOrDeactivateAsync(this);
        }
        return [.. state.State.CollectionIds];
    }
}
