using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class PostFeedSegmentGrain(
    [PersistentState("post-feed-segment", StorageNames.Platform)] IPersistentState<PostFeedSegmentState> state) : IndexSegmentGrain(state), IPostFeedSegmentGrain;
