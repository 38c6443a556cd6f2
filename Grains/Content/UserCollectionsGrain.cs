using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class UserCollectionsGrain(
    [PersistentState("user-collections", StorageNames.Platform)] IPersistentState<UserIndexState> state) : UserIndexGrain(state), IUserCollectionsGrain;
