namespace Grains.Interfaces.Content;

/// <summary>
/// The posts one author wrote within one segment of the feed (key: <see cref="KeyFor"/>), at their feed sequence
/// numbers: so erasing an account finds each of its posts, and an author writing thousands of posts at once shares
/// segment writes as the feed does.
/// </summary>
public interface IAuthorPostsSegmentGrain : IIndexSegmentGrain, IGrainWithStringKey
{
    static string KeyFor(Guid authorId, long segment) => $"{authorId:N}/{segment}";

    static (Guid AuthorId, long Segment) Parse(string key)
    {
        var slash = key.IndexOf('/');
        return (Guid.ParseExact(key.AsSpan(0, slash), "N"), long.Parse(key.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture));
    }
}
