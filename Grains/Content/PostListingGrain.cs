using Grains.Interfaces.Content;
using Orleans.Concurrency;

namespace Grains.Content;

/// <summary>
/// Walks the feed segments backwards from the cursor, then reads the page's posts in parallel. A page
/// costs one or two segment reads and at most <see cref="PageRequest.MaxLimit"/> post reads, however
/// long the feed is.
/// </summary>
[StatelessWorker]
internal sealed class PostListingGrain : Grain, IPostListingGrain
{
    private const int SegmentSize = IIndexSegmentGrain.SegmentSize;

    public async Task<PageResult<Post>> ListAsync(PageRequest request)
    {
        var errors = new FieldErrors();
        var limit = PageLimit.Of(request, errors);
        var before = 0L;
        if (request.Cursor is { } cursor && !PageCursor.TryRead(cursor, PageCursor.Posts, out before))
            errors.Add("cursor", "Invalid cursor.");
        if (errors.Any) return new(Errors: errors.ToDictionary());

        if (request.Cursor is null)
            before = await GrainFactory.GetGrain<IPostFeedGrain>(0).GetHeadAsync();

        // One entry more than the page tells whether another page follows.
        var entries = await ReadEntriesAsync(before, limit + 1);
        var page = entries.Take(limit).ToArray();
        var posts = await Task.WhenAll(page.Select(e => GrainFactory.GetGrain<IPostGrain>(e.Id).GetAsync()));
        return new(Page: new(
                // An entry without a post is one whose create or delete is still under way.
                Items: [.. posts.OfType<Post>()],
                NextCursor: entries.Count > limit ? PageCursor.From(PageCursor.Posts, page[^1].Sequence) : null));
    }

    private async Task<List<IndexEntry>> ReadEntriesAsync(long before, int wanted)
    {
        var entries = new List<IndexEntry>(wanted);
        var segment = (before - 1) / SegmentSize;
        while (entries.Count < wanted && before > 0 && segment >= 0)
        {
            // Enough segments at once to fill the page if they are full; deleted posts make some sparse.
            var missing = wanted - entries.Count;
            var count = (int)Math.Min(segment + 1, missing / SegmentSize + 2);
            var reads = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
                GrainFactory.GetGrain<IPostFeedSegmentGrain>(segment - i).ReadAsync(before, missing)));
            foreach (var read in reads)
                entries.AddRange(read.Take(wanted - entries.Count));
            segment -= count;
        }
        return entries;
    }
}
