using Grains.Interfaces.Content;
using Platform.Tests.Identity;

namespace Platform.Tests.Content;

/// <summary>
/// Posts, collections, memberships and both indexes outlive the whole process: a new Api on the same
/// data (same ServiceId) continues where the first stopped.
/// </summary>
public sealed class ContentRestartTests
{
    [Fact]
    public async Task Content_survives_a_restart_on_PostgreSQL()
    {
        await AssertContentSurvivesRestart(new()
        {
            ["ConnectionStrings:Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans:HostSilo"] = "true",
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
        });
    }

    [Fact]
    public async Task Content_survives_a_restart_on_SQLite()
    {
        using var data = new TempDirectory();
        await AssertContentSurvivesRestart(new() { ["Storage:DataDirectory"] = data.Path });
    }

    private static async Task AssertContentSurvivesRestart(Dictionary<string, string?> settings)
    {
        settings["Orleans:ServiceId"] = $"content-{Guid.NewGuid():N}";
        Post kept, edited, deleted;
        Collection collection;
        Guid userId;
        string token;

        await using (var first = new ApiFactory(IdentityApiFactory.Settings(settings)))
        {
            var (client, id) = await first.SignedInClientAsync();
            userId = id;
            token = client.DefaultRequestHeaders.Authorization!.Parameter!;
            kept = await client.CreatePostAsync("kept");
            edited = await client.CreatePostAsync("edited");
            deleted = await client.CreatePostAsync("deleted");
            edited = await (await client.SendAsync(HttpMethod.Patch, $"/api/posts/{edited.Id}", new { title = "edited twice" })).ReadAsync<Post>();
            collection = await client.CreateCollectionAsync();
            foreach (var post in new[] { kept, edited, deleted })
                await client.PostAsJsonAsync($"/api/collections/{collection.Id}/add_post", new { post_id = post.Id });
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/posts/{deleted.Id}")).StatusCode);
        }

        await using var second = new ApiFactory(IdentityApiFactory.Settings(settings));
        var again = second.CreateClient();
        again.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(edited, await (await again.GetAsync($"/api/posts/{edited.Id}")).ReadAsync<Post>());
        await (await again.GetAsync($"/api/posts/{deleted.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var stored = await (await again.GetAsync($"/api/collections/{collection.Id}")).ReadAsync<Collection>();
        Assert.Equal([kept.Id, edited.Id], stored.PostIds);
        Assert.Equal(5, stored.Version);
        var mine = await (await again.GetAsync("/api/collections")).ReadAsync<Page<Collection>>();
        Assert.Equal([collection.Id], mine.Items.Select(c => c.Id));

        var newest = await again.CreatePostAsync("after the restart");
        var feed = await (await again.GetAsync("/api/posts")).ReadAsync<Page<Post>>();
        Assert.Equal([newest.Id, edited.Id, kept.Id], feed.Items.Where(p => p.AuthorId == userId).Select(p => p.Id));

        // The membership written before the restart still lets a delete find the collection.
        Assert.Equal(HttpStatusCode.NoContent, (await again.DeleteAsync($"/api/posts/{kept.Id}")).StatusCode);
        Assert.Equal([edited.Id], (await (await again.GetAsync($"/api/collections/{collection.Id}")).ReadAsync<Collection>()).PostIds);
    }
}
