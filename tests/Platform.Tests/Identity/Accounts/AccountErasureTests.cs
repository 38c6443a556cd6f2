using System.Text.Json;
using System.Text.Json.Nodes;
using Grains.Interfaces.Content;
using Grains.Interfaces.Identity;
using Grains.Interfaces.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tests.Content;
using Platform.Tests.Pipeline;

namespace Platform.Tests.Identity.Accounts;

/// <summary>DELETE /auth/me erases the account and everything of it; afterwards no endpoint shows anything of the user.</summary>
public sealed class AccountErasureTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _anonymous = api.CreateClient();

    [Fact]
    public async Task Erasure_removes_the_account_its_sessions_content_and_stored_events_and_frees_the_email()
    {
        var user = await TestUsers.SignUpAsync(_anonymous);
        var other = await TestUsers.SignUpAsync(_anonymous);
        var me = api.CreateClient(user.AccessToken);
        var secondLogin = await (await _anonymous.PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password })).Content.ReadFromJsonAsync<JsonElement>();

        var post = await CreateAsync(me, "/api/posts", new { title = "mine", body = "to be erased" });
        var keptPost = await CreateAsync(api.CreateClient(other.AccessToken), "/api/posts", new { title = "theirs" });
        var collection = await CreateAsync(me, "/api/collections", new { name = "my reading" });
        var othersCollection = await CreateAsync(api.CreateClient(other.AccessToken), "/api/collections", new { name = "their reading" });
        Assert.Equal(HttpStatusCode.OK, (await me.PostAsJsonAsync($"/api/collections/{collection}/add_post", new { post_id = keptPost })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient(other.AccessToken).PostAsJsonAsync($"/api/collections/{othersCollection}/add_post", new { post_id = post })).StatusCode);

        // Events under the user's id, in two spellings enrichment links to the user.
        JsonObject[] events = [PipelineKit.NewEvent(user.Id.ToString()), PipelineKit.NewEvent(user.Id.ToString().ToUpperInvariant())];
        var bystanderEvent = PipelineKit.NewEvent(other.Id.ToString());
        await PipelineKit.PostBatchAsync(_anonymous, [.. events, bystanderEvent]);
        var operatorClient = api.CreateOperatorClient();
        foreach (var sent in events.Append(bystanderEvent))
            await Eventually.Until(() => operatorClient.GetAsync($"/api/events/{sent["event_id"]}"), r => r.StatusCode == HttpStatusCode.OK, PipelineKit.Drain, "the event to be stored");

        await (await EraseAsync(me, "not the password")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/auth/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await EraseAsync(me, user.Password)).StatusCode);

        // The account and its logins.
        foreach (var token in new[] { user.AccessToken, secondLogin.GetProperty("access_token").GetString()! })
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient(token).GetAsync("/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.PostAsJsonAsync("/auth/refresh", new { refresh_token = user.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.PostAsJsonAsync("/auth/login", new { email = user.Email, password = user.Password })).StatusCode);
        // Its content: the post is gone from everywhere, the other user's post and collection stay.
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync($"/api/posts/{post}")).StatusCode);
        var listing = await _anonymous.GetStringAsync("/api/posts?limit=200");
        Assert.DoesNotContain(post, listing);
        Assert.DoesNotContain(user.Id.ToString(), listing);
        Assert.Contains(keptPost, listing);
        var theirs = await api.CreateClient(other.AccessToken).GetFromJsonAsync<JsonElement>($"/api/collections/{othersCollection}");
        Assert.Empty(theirs.GetProperty("post_ids").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient(other.AccessToken).GetAsync($"/api/posts/{keptPost}")).StatusCode);
        // Its notifications: none left in the public feed (a resume would replay them), its own feed cleared.
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        var publicFeed = await grains.GetGrain<INotificationFeedGrain>(NotificationFeeds.Public).ReadAsync(0, 10_000);
        Assert.DoesNotContain(publicFeed.Items, n => n.ActorId == user.Id.ToString() || n.ResourceId == post);
        Assert.Contains(publicFeed.Items, n => n.ResourceId == keptPost);
        await Eventually.Until(async () =>
        {
            try { return (await grains.GetGrain<INotificationFeedGrain>(NotificationFeeds.OfUser(user.Id)).ReadAsync(0, 10)).Head == 0; }
            catch (InvalidOperationException) { return false; }
        }, TimeSpan.FromSeconds(20), "the user's own feed to be cleared");
        // Its stored events, and only its.
        foreach (var sent in events)
            Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"/api/events/{sent["event_id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync($"/api/events/{bystanderEvent["event_id"]}")).StatusCode);

        // The email can sign up again, as a new account with nothing of the old one.
        var again = await TestUsers.SignUpAsync(_anonymous, user.Email);
        Assert.NotEqual(user.Id, again.Id);
        Assert.Empty((await api.CreateClient(again.AccessToken).GetFromJsonAsync<JsonElement>("/api/collections")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Erasure_finds_every_post_of_a_prolific_author_across_feed_segments()
    {
        var user = await TestUsers.SignUpAsync(_anonymous);
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        // More than a feed segment (256 sequence numbers), written at once as a script would.
        var posts = await Task.WhenAll(Enumerable.Range(0, 600).Select(i => grains.CreatePostAsync(user.Id, $"Post {i}")));
        var segments = await grains.GetGrain<IAuthorPostsGrain>(user.Id).GetSegmentsAsync();
        Assert.True(segments.Length >= 3, $"{segments.Length} segments");

        Assert.Equal(HttpStatusCode.NoContent, (await EraseAsync(api.CreateClient(user.AccessToken), user.Password)).StatusCode);

        var remaining = await Task.WhenAll(posts.Select(p => grains.GetGrain<IPostGrain>(p.Id).ExistsAsync()));
        Assert.DoesNotContain(true, remaining);
        foreach (var segment in segments)
            Assert.Empty(await grains.GetGrain<IAuthorPostsSegmentGrain>(IAuthorPostsSegmentGrain.KeyFor(user.Id, segment)).ReadAsync(long.MaxValue, 256));
    }

    [Fact]
    public async Task An_operator_erases_the_stored_events_of_any_key()
    {
        var key = $"device-{Guid.NewGuid():N}";
        JsonObject[] events = [PipelineKit.NewEvent(key), PipelineKit.NewEvent(key)];
        var bystander = PipelineKit.NewEvent($"device-{Guid.NewGuid():N}");
        await PipelineKit.PostBatchAsync(_anonymous, [.. events, bystander]);
        var operatorClient = api.CreateOperatorClient();
        foreach (var sent in events.Append(bystander))
            await Eventually.Until(() => operatorClient.GetAsync($"/api/events/{sent["event_id"]}"), r => r.StatusCode == HttpStatusCode.OK, PipelineKit.Drain, "the event to be stored");

        await (await _anonymous.DeleteAsync($"/api/pipeline/users/{key}/events")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var erased = await operatorClient.DeleteAsync($"/api/pipeline/users/{key}/events");

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(2, (await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erased").GetInt64());
        foreach (var sent in events)
            Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"/api/events/{sent["event_id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync($"/api/events/{bystander["event_id"]}")).StatusCode);
        Assert.Equal(0, (await (await operatorClient.DeleteAsync($"/api/pipeline/users/{key}/events")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("erased").GetInt64());
    }

    [Fact]
    public async Task An_account_without_a_password_is_erased_only_right_after_a_sign_in()
    {
        var clock = new TestClock();
        using var clocked = new ApiFactory(new Dictionary<string, string?>(), clock: clock);
        var accounts = clocked.Services.GetRequiredService<IGrainFactory>().GetGrain<IAccountsGrain>(0);
        var identity = new ExternalIdentity("oidc", $"subject-{Guid.NewGuid():N}", $"{Guid.NewGuid():N}@example.com", EmailVerified: true, "Social User");
        var signIn = (await accounts.SignInWithProviderAsync(identity, ClientInfo.Unknown)).Login!;

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(ErasureStatus.SignInTooOld, (await accounts.EraseAccountAsync(signIn.User.Id, signIn.SessionId, password: null)).Status);

        var fresh = (await accounts.SignInWithProviderAsync(identity, ClientInfo.Unknown)).Login!;
        Assert.Equal(fresh.User.Id, signIn.User.Id);
        Assert.Equal(ErasureStatus.Erased, (await accounts.EraseAccountAsync(fresh.User.Id, fresh.SessionId, password: null)).Status);

        // The provider account is unlinked too: signing in with it again makes a new account.
        var afterwards = (await accounts.SignInWithProviderAsync(identity, ClientInfo.Unknown)).Login!;
        Assert.NotEqual(signIn.User.Id, afterwards.User.Id);
    }

    [Fact]
    public async Task An_erasure_a_crash_interrupted_is_finished_after_the_restart()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = data.Path };
        TestUser user;
        string post;
        using (var first = new ApiFactory(settings))
        {
            user = await TestUsers.SignUpAsync(first.CreateClient());
            post = await CreateAsync(first.CreateClient(user.AccessToken), "/api/posts", new { title = "left behind by a crash" });
            // What the erasure had done when the process died: recorded as pending, the account already hidden.
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IPendingErasuresGrain>(0).AddAsync(user.Id);
            await grains.GetGrain<IUserGrain>(user.Id).BeginErasureAsync();
        }

        using var second = new ApiFactory(settings);
        var client = second.CreateClient();
        await Eventually.Until(async () => (await client.GetAsync($"/api/posts/{post}")).StatusCode == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(30), "the interrupted erasure to delete the post");
        await Eventually.Until(async () => (await client.PostAsJsonAsync("/auth/signup", new { email = user.Email, password = user.Password })).StatusCode == HttpStatusCode.Created,
            TimeSpan.FromSeconds(30), "the email to be free again");
    }

    private static Task<HttpResponseMessage> EraseAsync(HttpClient client, string password) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/auth/me") { Content = JsonContent.Create(new { password }) });

    private static async Task<string> CreateAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
