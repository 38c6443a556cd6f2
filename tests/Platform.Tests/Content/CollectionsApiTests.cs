using Grains.Interfaces.Content;

namespace Platform.Tests.Content;

public sealed class CollectionsApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_route_needs_a_token()
    {
        var anonymous = api.CreateClient();
        var id = Guid.CreateVersion7();
        var responses = new[]
        {
            await anonymous.GetAsync("/api/collections"),
            await anonymous.PostAsJsonAsync("/api/collections", new { name = "x" }),
            await anonymous.GetAsync($"/api/collections/{id}"),
            await anonymous.SendAsync(HttpMethod.Put, $"/api/collections/{id}", new { name = "x" }),
            await anonymous.SendAsync(HttpMethod.Patch, $"/api/collections/{id}", new { name = "x" }),
            await anonymous.DeleteAsync($"/api/collections/{id}"),
            await anonymous.PostAsJsonAsync($"/api/collections/{id}/add_post", new { post_id = id }),
            await anonymous.PostAsJsonAsync($"/api/collections/{id}/remove_post", new { post_id = id }),
        };
        foreach (var response in responses)
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Create_answers_201_with_location_and_etag_and_get_returns_it()
    {
        var (owner, ownerId) = await api.SignedInClientAsync();

        var response = await owner.PostAsJsonAsync("/api/collections/", new { name = "Favourites" });
        var created = await response.ReadAsync<Collection>(HttpStatusCode.Created);

        Assert.Equal($"/api/collections/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(("Favourites", ownerId, 1), (created.Name, created.OwnerId, created.Version));
        Assert.Empty(created.PostIds);
        var fetched = await owner.GetAsync($"/api/collections/{created.Id}");
        Assert.Equal(created.Id, (await fetched.ReadAsync<Collection>()).Id);
        Assert.Equal("\"1\"", fetched.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task An_invalid_name_is_a_400_naming_the_field()
    {
        var (owner, _) = await api.SignedInClientAsync();
        await (await owner.PostAsJsonAsync("/api/collections", new { })).AssertValidationErrorAsync("name");
        await (await owner.PostAsJsonAsync("/api/collections", new { name = new string('n', 101) })).AssertValidationErrorAsync("name");
    }

    [Fact]
    public async Task Another_users_collection_is_404_for_reads_and_writes()
    {
        var (owner, _) = await api.SignedInClientAsync();
        var (other, _) = await api.SignedInClientAsync();
        var collection = await owner.CreateCollectionAsync();
        var post = await other.CreatePostAsync();
        var path = $"/api/collections/{collection.Id}";

        var responses = new[]
        {
            await other.GetAsync(path),
            await other.SendAsync(HttpMethod.Put, path, new { name = "mine" }),
            await other.SendAsync(HttpMethod.Patch, path, new { name = "mine" }),
            await other.DeleteAsync(path),
            await other.PostAsJsonAsync($"{path}/add_post", new { post_id = post.Id }),
            await other.PostAsJsonAsync($"{path}/remove_post", new { post_id = post.Id }),
        };
        foreach (var response in responses)
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(1, (await (await owner.GetAsync(path)).ReadAsync<Collection>()).Version);
    }

    [Fact]
    public async Task Put_and_patch_rename_with_if_match_and_a_stale_version_is_412()
    {
        var (owner, _) = await api.SignedInClientAsync();
        var collection = await owner.CreateCollectionAsync("Before");
        var path = $"/api/collections/{collection.Id}";

        var put = await owner.SendAsync(HttpMethod.Put, path, new { name = "During" }, ifMatch: HttpSteps.ETag(1));
        Assert.Equal(("During", 2), await NameAndVersion(put));
        Assert.Equal("\"2\"", put.Headers.ETag?.Tag);
        var patch = await owner.SendAsync(HttpMethod.Patch, path, new { name = "After" }, ifMatch: HttpSteps.ETag(2));
        Assert.Equal(("After", 3), await NameAndVersion(patch));

        await (await owner.SendAsync(HttpMethod.Put, path, new { name = "x" }, ifMatch: HttpSteps.ETag(2))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await owner.SendAsync(HttpMethod.Patch, path, new { name = "x" }, ifMatch: HttpSteps.ETag(1))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await owner.SendAsync(HttpMethod.Put, path, new { })).AssertValidationErrorAsync("name");
        await (await owner.SendAsync(HttpMethod.Patch, path, new { name = "" })).AssertValidationErrorAsync("name");
        await (await owner.SendAsync(HttpMethod.Patch, $"/api/collections/{Guid.CreateVersion7()}", new { name = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.SendAsync(HttpMethod.Put, $"/api/collections/{Guid.CreateVersion7()}", new { name = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Add_and_remove_post_are_idempotent_and_name_unknown_posts()
    {
        var (owner, _) = await api.SignedInClientAsync();
        var collection = await owner.CreateCollectionAsync();
        var post = await owner.CreatePostAsync();
        var path = $"/api/collections/{collection.Id}";

        var added = await owner.PostAsJsonAsync($"{path}/add_post", new { post_id = post.Id });
        Assert.Equal("\"2\"", added.Headers.ETag?.Tag);
        var again = await (await owner.PostAsJsonAsync($"{path}/add_post/", new { post_id = post.Id.ToUpperInvariant() })).ReadAsync<Collection>();
        Assert.Equal([post.Id], again.PostIds);
        Assert.Equal(2, again.Version);

        await (await owner.PostAsJsonAsync($"{path}/add_post", new { post_id = Guid.CreateVersion7() })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.PostAsJsonAsync($"{path}/add_post", new { })).AssertValidationErrorAsync("post_id");
        await (await owner.SendAsync(HttpMethod.Post, $"{path}/add_post", new { post_id = post.Id }, ifMatch: HttpSteps.ETag(1))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        await (await owner.PostAsJsonAsync($"{path}/remove_post", new { post_id = "" })).AssertValidationErrorAsync("post_id");
        await (await owner.SendAsync(HttpMethod.Post, $"{path}/remove_post", new { post_id = post.Id }, ifMatch: HttpSteps.ETag(1))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var removed = await (await owner.PostAsJsonAsync($"{path}/remove_post", new { post_id = post.Id })).ReadAsync<Collection>();
        var removedAgain = await (await owner.PostAsJsonAsync($"{path}/remove_post", new { post_id = post.Id })).ReadAsync<Collection>();
        Assert.Empty(removedAgain.PostIds);
        Assert.Equal((3, 3), (removed.Version, removedAgain.Version));
        await (await owner.PostAsJsonAsync($"{path}/remove_post", new { post_id = Guid.CreateVersion7() })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_answers_204_then_the_collection_is_gone()
    {
        var (owner, _) = await api.SignedInClientAsync();
        var collection = await owner.CreateCollectionAsync();
        var path = $"/api/collections/{collection.Id}";

        await (await owner.SendAsync(HttpMethod.Delete, path, ifMatch: HttpSteps.ETag(9))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Delete, path, ifMatch: HttpSteps.ETag(1))).StatusCode);
        await (await owner.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_list_holds_only_the_callers_collections_page_by_page()
    {
        var (owner, _) = await api.SignedInClientAsync();
        var (other, _) = await api.SignedInClientAsync();
        var mine = new List<Collection>();
        for (var i = 0; i < 3; i++)
            mine.Add(await owner.CreateCollectionAsync($"Mine {i}"));
        await other.CreateCollectionAsync("Theirs");

        var first = await (await owner.GetAsync("/api/collections?limit=2")).ReadAsync<Page<Collection>>();
        var second = await (await owner.GetAsync($"/api/collections?limit=2&cursor={first.NextCursor}")).ReadAsync<Page<Collection>>();

        Assert.Equal(mine.Select(c => c.Id).Reverse(), first.Items.Concat(second.Items).Select(c => c.Id));
        Assert.Null(second.NextCursor);
        await (await owner.GetAsync("/api/collections?cursor=%%%")).AssertValidationErrorAsync("cursor");
    }

    [Fact]
    public async Task Deleting_a_post_removes_it_from_all_three_collections_holding_it()
    {
        var (author, _) = await api.SignedInClientAsync();
        var (reader, _) = await api.SignedInClientAsync();
        var post = await author.CreatePostAsync();
        var holders = new[] { (author, await author.CreateCollectionAsync()), (author, await author.CreateCollectionAsync()), (reader, await reader.CreateCollectionAsync()) };
        foreach (var (client, collection) in holders)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync($"/api/collections/{collection.Id}/add_post", new { post_id = post.Id })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/posts/{post.Id}")).StatusCode);

        foreach (var (client, collection) in holders)
            Assert.Empty((await (await client.GetAsync($"/api/collections/{collection.Id}")).ReadAsync<Collection>()).PostIds);
    }

    [Fact]
    public async Task Twenty_concurrent_add_posts_all_land()
    {
        var (owner, _) = await api.SignedInClientAsync();
        var collection = await owner.CreateCollectionAsync();
        var posts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => owner.CreatePostAsync($"Post {i}")));

        var responses = await Task.WhenAll(posts.Select(p =>
            owner.PostAsJsonAsync($"/api/collections/{collection.Id}/add_post", new { post_id = p.Id })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var final = await (await owner.GetAsync($"/api/collections/{collection.Id}")).ReadAsync<Collection>();
        Assert.Equal(posts.Select(p => p.Id).Order(), final.PostIds.Order());
    }

    private static async Task<(string, int)> NameAndVersion(HttpResponseMessage response)
    {
        var collection = await response.ReadAsync<Collection>();
        return (collection.Name, collection.Version);
    }
}
