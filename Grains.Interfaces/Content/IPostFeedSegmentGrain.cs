namespace Grains.Interfaces.Content;

/// <summary>A segment of the feed of all posts, keyed by <see cref="IIndexSegmentGrain.SegmentOf"/> of its sequence numbers.</summary>
public interface IPostFeedSegmentGrain : IIndexSegmentGrain, IGrainWithIntegerKey;
