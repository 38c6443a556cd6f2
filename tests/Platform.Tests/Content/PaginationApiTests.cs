using Grains.Interfaces.Content;

namespace Platform.Tests.Content;

/// <summary>A feed of its own (a fresh Api and database), so the walk sees exactly the posts made here.</summary>
public sealed class PaginationApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Limit_100_visits_250_posts_exactly_once_newest_first()
    {
        var (author, _) = await api.SignedInClientAsync();
        var created = new List<Post>();
        for (var i = 0; i < 250; i++)
            created.Add(await author.CreatePostAsync($"Post {i}"));

        var pages = new List<Page<Post>>();
        var path = "/api/posts?limit=100";
        while (true)
        {
            var page = await (await api.CreateClient().GetAsync(path)).ReadAsync<Page<Post>>();
            pages.Add(page);
            if (page.NextCursor is null) break;
            path = $"/api/posts?limit=100&cursor={Uri.EscapeDataString(page.NextCursor)}";
        }

        Assert.Equal([100, 100, 50], pages.Select(p => p.Items.Length));
        Assert.Equal(created.Select(p => p.Id).Reverse(), pages.SelectMany(p => p.Items).Select(p => p.Id));
    }
}
