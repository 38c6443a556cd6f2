using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class UserPostsGrain(
    [PersistentState("user-posts", StorageNames.Platform)] IPersistentState<UserIndexState> state) : UserIndexGrain(state), IUserPostsGrain;
