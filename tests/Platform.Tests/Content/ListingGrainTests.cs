using Grains.Interfaces.Content;

namespace Platform.Tests.Content;

[Collection(ClusterCollection.Name)]
public sealed class ListingGrainTests(ClusterFixture fixture)
{
    // A well-formed cursor of the post feed ("posts:1" in base64url), which the collection listing must refuse.
    private const string FeedCursor = "cG9zdHM6MQ";

    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Paging_with_limit_100_visits_250_posts_exactly_once_newest_first()
    {
        var author = Guid.NewGuid();
        var created = new List<Post>();
        for (var i = 0; i < 250; i++)
            created.Add(await _grains.CreatePostAsync(author, $"Post {i}"));

        var seen = new List<Post>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var result = await _grains.GetGrain<IPostListingGrain>(0).ListAsync(new(Cursor: cursor, Limit: 100));
            Assert.True(result.Page!.Items.Length <= 100);
            seen.AddRange(result.Page.Items.Where(p => p.AuthorId == author));
            cursor = result.Page.NextCursor;
            pages++;
        }
        while (cursor is not null && seen.Count < 250);

        Assert.Equal(created.Select(p => p.Id).Reverse(), seen.Select(p => p.Id));
        Assert.True(seen.Zip(seen.Skip(1)).All(pair => pair.First.CreatedAt >= pair.Second.CreatedAt));
    }

    /// <summary>Concurrent adds and removes on one segment share its writes; none may be lost or listed twice.</summary>
    [Fact]
    public async Task Concurrent_creates_and_deletes_are_each_listed_or_gone_exactly_once()
    {
        var author = Guid.NewGuid();
        var created = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => _grains.CreatePostAsync(author, $"Concurrent {i}")));
        var deleted = created.Where((_, i) => i % 8 == 0).Select(p => p.Id).ToHashSet();
        await Task.WhenAll(deleted.Select(id => _grains.GetGrain<IPostGrain>(id).DeleteAsync(author, null)));

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var result = await _grains.GetGrain<IPostListingGrain>(0).ListAsync(new(Cursor: cursor, Limit: 200));
            seen.AddRange(result.Page!.Items.Where(p => p.AuthorId == author).Select(p => p.Id));
            cursor = result.Page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(created.Select(p => p.Id).Where(id => !deleted.Contains(id)).Order(), seen.Order());
    }

    [Fact]
    public async Task A_deleted_post_leaves_the_feed()
    {
        var author = Guid.NewGuid();
        var post = await _grains.CreatePostAsync(author);
        await _grains.GetGrain<IPostGrain>(post.Id).DeleteAsync(author, null);

        var first = await _grains.GetGrain<IPostListingGrain>(0).ListAsync(new(Limit: 200));
        Assert.DoesNotContain(first.Page!.Items, p => p.Id == post.Id);
    }

    [Theory]
    [InlineData(0, null, "limit")]
    [InlineData(10, "not-a-cursor", "cursor")]
    public async Task Bad_limits_and_cursors_are_named(int limit, string? cursor, string field)
    {
        var result = await _grains.GetGrain<IPostListingGrain>(0).ListAsync(new(Limit: limit, Cursor: cursor));
        Assert.Null(result.Page);
        Assert.True(result.Errors!.ContainsKey(field));
    }

    [Fact]
    public async Task Oversize_limits_are_cut_to_200()
    {
        var author = Guid.NewGuid();
        await Task.WhenAll(Enumerable.Range(0, 201).Select(_ => _grains.CreatePostAsync(author)));
        var result = await _grains.GetGrain<IPostListingGrain>(0).ListAsync(new(Limit: 1000));
        Assert.Equal(200, result.Page!.Items.Length);
    }

    [Fact]
    public async Task Collections_list_only_the_owners_own_newest_first_across_pages()
    {
        var owner = Guid.NewGuid();
        var created = new List<Collection>();
        for (var i = 0; i < 5; i++)
            created.Add(await _grains.CreateCollectionAsync(owner, $"C{i}"));
        await _grains.CreateCollectionAsync(Guid.NewGuid(), "someone else's");
        await _grains.GetGrain<ICollectionGrain>(created[2].Id).DeleteAsync(owner, null);

        var listing = _grains.GetGrain<ICollectionListingGrain>(0);
        var first = await listing.ListAsync(owner, new(Limit: 2));
        var second = await listing.ListAsync(owner, new(Limit: 2, Cursor: first.Page!.NextCursor));
        var mixed = await listing.ListAsync(owner, new(Cursor: FeedCursor));

        Assert.Equal(["C4", "C3"], first.Page.Items.Select(c => c.Name));
        Assert.Equal(["C1", "C0"], second.Page!.Items.Select(c => c.Name));
        Assert.Null(second.Page.NextCursor);
        Assert.True(mixed.Errors!.ContainsKey("cursor"));
    }
}
