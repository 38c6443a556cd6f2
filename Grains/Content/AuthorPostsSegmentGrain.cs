using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class AuthorPostsSegmentGrain(
    [PersistentState("author-posts-segment", StorageNames.Platform)] IPersistentState<PostFeedSegmentState> state) : IndexSegmentGrain(state), IAuthorPostsSegmentGrain;
