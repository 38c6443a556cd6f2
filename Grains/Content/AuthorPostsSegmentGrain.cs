using Grains.Interfaces.Content;

namespace Grains.Content;

internal sealed class AuthorPostsSegmentGrain(
    [PersistentState("author-posts-segment", StorageNames.Platform)] IPersistentState<IndexSegmentState> state) : IndexSegmentGrain(state), IAuthorPostsSegmentGrain
{
    /// <summary>The author's list of segments learns of this one before it holds anything: erasure then never misses it.</summary>
    protected override Task BeforeFirstWriteAsync()
    {
        var (authorId, segment) = IAuthorPostsSegmentGrain.Parse(this.GetPrimaryKeyString());
        return GrainFactory.GetGrain<IAuthorPostsGrain>(authorId).NoteSegmentAsync(segment);
    }
}
