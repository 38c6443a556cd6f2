using Orleans.Concurrency;

namespace Grains.Interfaces.Content;

/// <summary>
/// Which feed segments hold posts of one author (key: the author's id), so their <see cref="IAuthorPostsSegmentGrain"/>s
/// can be found; each segment tells it before it is first stored.
/// </summary>
public interface IAuthorPostsGrain : IGrainWithGuidKey
{
    /// <summary>Records that the author wrote in <paramref name="segment"/>; stores only the first time for each segment.</summary>
    Task NoteSegmentAsync(long segment);

    /// <summary>The segments noted, ascending.</summary>
    [ReadOnly]
    Task<long[]> GetSegmentsAsync();
}
