using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Grains.Interfaces.Content;
using Platform.Tests.Content;
using Platform.Tests.Identity;
using Xunit.Abstractions;

namespace Platform.Tests.Notifications;

/// <summary>
/// A client of node A goes away while 1,000 changes are made over HTTP, comes back on node B with the last id it had,
/// and ends with every notification it may see exactly once, each feed in order: two Api nodes, each with a silo, one
/// cluster on PostgreSQL.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Slow)]
public sealed class TwoNodeResumeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private const int VisibleOf1150 = 1150 * 4 / 5;

    [Fact]
    public async Task A_client_that_was_away_during_1000_changes_resumes_on_the_other_node_with_each_exactly_once_in_order()
    {
        var cluster = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans:ClusterId"] = $"resume-{Guid.NewGuid():N}",
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            ["Orleans:HostSilo"] = "true",
        };
        await using var nodeA = new ApiFactory(IdentityApiFactory.Settings(cluster), kestrel: true);
        await using var nodeB = new ApiFactory(IdentityApiFactory.Settings(cluster), kestrel: true);
        nodeA.StartServer();
        nodeB.StartServer();
        var changes = await Changes.StartAsync(nodeA.CreateKestrelClient(), nodeB.CreateKestrelClient());
        var path = $"/sse/notifications?access_token={Uri.EscapeDataString(changes.FollowerToken)}";
        var received = new List<JsonElement>();

        string lastId;
        using (var before = await EventStreamReader.OpenAsync(nodeA.Address!, path))
        {
            await NotificationDeliveryTests.WaitForSubscribers(nodeA, 1);
            await changes.MakeAsync(100);
            while (received.Count < changes.Visible.Count)
                received.Add(await before.NextNotificationAsync(Patience));
            lastId = received[^1].GetProperty("id").GetString()!;
        }

        var away = Stopwatch.StartNew();
        await changes.MakeAsync(1000);
        output.WriteLine($"Away for {away.Elapsed.TotalSeconds:F1} s while 1,000 changes were made");

        using var after = await EventStreamReader.OpenAsync(nodeB.Address!, path, lastEventId: lastId);
        var live = changes.MakeAsync(50);
        // Four changes in five are the follower's to see.
        while (received.Count < VisibleOf1150)
            received.Add(await after.NextNotificationAsync(Patience));
        await live;

        var got = received.Select(n => (Feed: FeedOf(n), Change: $"{n.GetProperty("type").GetString()} {n.GetProperty("resource_id").GetString()} v{n.GetProperty("data").GetProperty("version").GetInt32()}")).ToList();
        Assert.Equal(VisibleOf1150, changes.Visible.Count);
        foreach (var feed in new[] { "public", "own" })
            Assert.Equal(changes.Visible.Where(c => c.Feed == feed).Select(c => c.Change), got.Where(g => g.Feed == feed).Select(g => g.Change));
        Assert.Equal(received.Count, received.Select(n => n.GetProperty("id").GetString()).Distinct().Count());
    }

    private static string FeedOf(JsonElement notification) =>
        notification.GetProperty("type").GetString()!.StartsWith("post.", StringComparison.Ordinal) ? "public" : "own";

    /// <summary>
    /// Changes made one after another by two users, through both nodes: the follower's own posts and collection changes,
    /// and the other user's posts, edits and collections. All but the other's collections are the follower's to see.
    /// </summary>
    private sealed class Changes
    {
        private readonly HttpClient _follower, _other;
        private readonly string _collection;
        private Post? _lastOwn, _lastOther;
        private int _made;

        private Changes(HttpClient follower, HttpClient other, string collection, string followerToken) =>
            (_follower, _other, _collection, FollowerToken) = (follower, other, collection, followerToken);

        public string FollowerToken { get; }

        /// <summary>What the follower should be sent, in each feed's order: (feed, "type resource vN").</summary>
        public List<(string Feed, string Change)> Visible { get; } = [];

        public static async Task<Changes> StartAsync(HttpClient onA, HttpClient onB)
        {
            var follower = await TestUsers.SignUpAsync(onA);
            var other = await TestUsers.SignUpAsync(onB);
            onA.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", follower.AccessToken);
            onB.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", other.AccessToken);
            var collection = await onA.CreateCollectionAsync("followed");
            return new Changes(onA, onB, collection.Id, follower.AccessToken);
        }

        public async Task MakeAsync(int count)
        {
            for (var i = 0; i < count; i++, _made++)
            {
                switch (_made % 5)
                {
                    case 0:
                        _lastOther = await _other.CreatePostAsync($"other {_made}");
                        Saw("public", "post.created", _lastOther.Id, 1);
                        break;
                    case 1:
                        _lastOwn = await _follower.CreatePostAsync($"own {_made}");
                        Saw("public", "post.created", _lastOwn.Id, 1);
                        break;
                    case 2:
                        var edited = await (await _other.SendAsync(HttpMethod.Patch, $"/api/posts/{_lastOther!.Id}", new { title = $"edited {_made}" })).ReadAsync<Post>();
                        Saw("public", "post.updated", edited.Id, edited.Version);
                        break;
                    case 3:
                        var added = await (await _follower.PostAsJsonAsync($"/api/collections/{_collection}/add_post", new { post_id = _lastOwn!.Id })).ReadAsync<Collection>();
                        Saw("own", "collection.post_added", _collection, added.Version);
                        break;
                    default:
                        await _other.CreateCollectionAsync($"not the follower's {_made}");
                        break;
                }
            }
        }

        private void Saw(string feed, string type, string resourceId, int version)
        {
            lock (Visible) Visible.Add((feed, $"{type} {resourceId} v{version}"));
        }
    }
}
