namespace Grains.Interfaces.Content;

/// <summary>
/// The posts one author wrote within one segment of the feed (key: <see cref="KeyFor"/>), at their feed sequence
/// numbers: so erasing an account finds each of its posts, and an author writing thousands of posts at once shares
/// segment writes as the feed does.
/// </summary>
public interface IAuthorPostsSegmentGrain : IIndexSegmentGrain, IGrainWithStringKey
{
    static string KeyFor(Guid authorId, long segment) => $"{authorId:N}/{segment}";
}
