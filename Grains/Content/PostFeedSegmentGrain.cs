using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class PostFeedSegmentGrain(
    [PersistentState("post-feed-segment", StorageNames.Platform)] IPersistentState<IndexSegmentState> state) : IndexSegmentGrain(state), IPostFeedSegmentGrain;
