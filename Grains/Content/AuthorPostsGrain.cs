using Grains.Interfaces.Content;

namespace Grains.Content;

/// <summary>
/// Grows by one number per feed segment an author wrote in: a write once per 256 posts of the whole feed at most,
/// and never for an author's second post in the same segment.
/// </summary>
internal sealed class AuthorPostsGrain(
    [PersistentState("author-posts", StorageNames.Platform)] IPersistentState<AuthorPostsState> state) : Grain, IAuthorPostsGrain
{
    public Task NoteSegmentAsync(long segment) => state.ApplyAndWriteAsync(this, noted =>
    {
        var at = noted.Segments.BinarySearch(segment);
        if (at >= 0) return false;
        noted.Segments.Insert(~at, segment);
        return true;
    });

    public Task<long[]> GetSegmentsAsync() => Task.FromResult(state.State.Segments.ToArray());
}
