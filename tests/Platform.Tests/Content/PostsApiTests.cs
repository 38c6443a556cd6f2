using System.Text.Json;
using Grains.Interfaces.Content;

namespace Platform.Tests.Content;

public sealed class PostsApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _anonymous = api.CreateClient();

    [Fact]
    public async Task Create_answers_201_with_location_etag_and_a_snake_case_post()
    {
        var (author, authorId) = await api.SignedInClientAsync();

        var response = await author.PostAsJsonAsync("/api/posts", new { title = "Hello", body = "World" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = json.GetProperty("id").GetString()!;
        Assert.Equal($"/api/posts/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(authorId.ToString(), json.GetProperty("author_id").GetString());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.EndsWith("Z", json.GetProperty("created_at").GetString());
        Assert.Equal(json.GetProperty("created_at").GetString(), json.GetProperty("updated_at").GetString());
        Assert.Equal(7, json.EnumerateObject().Count());
    }

    [Fact]
    public async Task Writes_without_a_token_are_401_with_a_bearer_challenge()
    {
        var post = await (await api.SignedInClientAsync()).Client.CreatePostAsync();
        var responses = new[]
        {
            await _anonymous.PostAsJsonAsync("/api/posts", new { title = "x" }),
            await _anonymous.SendAsync(HttpMethod.Put, $"/api/posts/{post.Id}", new { title = "x" }),
            await _anonymous.SendAsync(HttpMethod.Patch, $"/api/posts/{post.Id}", new { title = "x" }),
            await _anonymous.DeleteAsync($"/api/posts/{post.Id}"),
        };
        foreach (var response in responses)
        {
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task Invalid_fields_and_malformed_json_are_400_problems()
    {
        var (author, _) = await api.SignedInClientAsync();

        await (await author.PostAsJsonAsync("/api/posts", new { body = "no title" })).AssertValidationErrorAsync("title");
        await (await author.PostAsJsonAsync("/api/posts", new { title = new string('t', 201) })).AssertValidationErrorAsync("title");
        await (await author.PostAsJsonAsync("/api/posts", new { title = "ok", body = new string('b', 100_001) })).AssertValidationErrorAsync("body");
        var malformed = new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json");
        await (await author.PostAsync("/api/posts", malformed)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Anyone_reads_a_post_with_its_etag_and_unknown_ids_are_404()
    {
        var post = await (await api.SignedInClientAsync()).Client.CreatePostAsync();

        var response = await _anonymous.GetAsync($"/api/posts/{post.Id}/");

        Assert.Equal(post, await response.ReadAsync<Post>());
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        await (await _anonymous.GetAsync($"/api/posts/{Guid.CreateVersion7()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _anonymous.GetAsync("/api/posts/not-a-guid")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_replaces_with_a_new_etag_and_refuses_stale_versions_others_and_bad_input()
    {
        var (author, _) = await api.SignedInClientAsync();
        var (other, _) = await api.SignedInClientAsync();
        var post = await author.CreatePostAsync("Title", "Body");
        var path = $"/api/posts/{post.Id}";

        var replaced = await author.SendAsync(HttpMethod.Put, path, new { title = "New" }, ifMatch: HttpSteps.ETag(1));
        var value = await replaced.ReadAsync<Post>();
        Assert.Equal(("New", "", 2), (value.Title, value.Body, value.Version));
        Assert.Equal("\"2\"", replaced.Headers.ETag?.Tag);

        await (await author.SendAsync(HttpMethod.Put, path, new { title = "Late" }, ifMatch: HttpSteps.ETag(1))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await other.SendAsync(HttpMethod.Put, path, new { title = "Mine" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await author.SendAsync(HttpMethod.Put, path, new { body = "no title" })).AssertValidationErrorAsync("title");
        await (await author.SendAsync(HttpMethod.Put, $"/api/posts/{Guid.CreateVersion7()}", new { title = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_changes_given_fields_and_honours_if_match()
    {
        var (author, _) = await api.SignedInClientAsync();
        var (other, _) = await api.SignedInClientAsync();
        var post = await author.CreatePostAsync("Title", "Body");
        var path = $"/api/posts/{post.Id}";

        var patched = await (await author.SendAsync(HttpMethod.Patch, path, new { body = "Other" }, ifMatch: "*")).ReadAsync<Post>();
        Assert.Equal(("Title", "Other", 2), (patched.Title, patched.Body, patched.Version));

        await (await author.SendAsync(HttpMethod.Patch, path, new { body = "x" }, ifMatch: "W/\"2\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await author.SendAsync(HttpMethod.Patch, path, new { title = "" })).AssertValidationErrorAsync("title");
        await (await other.SendAsync(HttpMethod.Patch, path, new { title = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await author.SendAsync(HttpMethod.Patch, $"/api/posts/{Guid.CreateVersion7()}", new { title = "x" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_answers_204_once_and_refuses_stale_versions_and_others()
    {
        var (author, _) = await api.SignedInClientAsync();
        var (other, _) = await api.SignedInClientAsync();
        var post = await author.CreatePostAsync();
        var path = $"/api/posts/{post.Id}";

        await (await author.SendAsync(HttpMethod.Delete, path, ifMatch: HttpSteps.ETag(3))).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await other.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await author.SendAsync(HttpMethod.Delete, path, ifMatch: HttpSteps.ETag(1))).StatusCode);
        await (await author.DeleteAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _anonymous.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Two_concurrent_puts_with_one_version_give_one_200_and_one_412()
    {
        var (author, _) = await api.SignedInClientAsync();
        var post = await author.CreatePostAsync();
        var path = $"/api/posts/{post.Id}";

        var responses = await Task.WhenAll(
            author.SendAsync(HttpMethod.Put, path, new { title = "First" }, ifMatch: HttpSteps.ETag(1)),
            author.SendAsync(HttpMethod.Put, path, new { title = "Second" }, ifMatch: HttpSteps.ETag(1)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task The_list_is_public_newest_first_and_checks_its_query()
    {
        var (author, _) = await api.SignedInClientAsync();
        var older = await author.CreatePostAsync("older");
        var newer = await author.CreatePostAsync("newer");

        var page = await (await _anonymous.GetAsync("/api/posts/?limit=2")).ReadAsync<Page<Post>>();
        Assert.Equal([newer.Id, older.Id], page.Items.Select(p => p.Id));
        Assert.NotNull(page.NextCursor);
        var raw = await (await _anonymous.GetAsync("/api/posts?limit=1")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["items", "next_cursor"], raw.EnumerateObject().Select(p => p.Name));

        await (await _anonymous.GetAsync("/api/posts?limit=0")).AssertValidationErrorAsync("limit");
        await (await _anonymous.GetAsync("/api/posts?cursor=nonsense")).AssertValidationErrorAsync("cursor");
        await (await _anonymous.GetAsync("/api/posts?limit=many")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
