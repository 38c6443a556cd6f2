using Grains.Interfaces.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Notifications;

/// <summary>A feed as grains use it, on the embedded default's storage (SQLite): numbering, segments, retention, restarts.</summary>
public sealed class NotificationFeedTests
{
    [Fact]
    public async Task Concurrent_appends_are_numbered_without_gaps_and_read_back_in_order_across_segments()
    {
        await using var api = new ApiFactory();
        var feed = Feed(api, "concurrent");

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => feed.AppendAsync(NotificationDeliveryTests.Public($"p{i}"))));

        var all = await ReadAllAsync(feed, after: 0);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), all.Select(n => n.Sequence));
        Assert.Equal(100, all.Select(n => n.ResourceId).Distinct().Count());
        Assert.True(all.Zip(all.Skip(1)).All(pair => pair.First.At <= pair.Second.At), "times go backwards along the feed");
        var page = await feed.ReadAsync(after: 30, max: 5);
        Assert.Equal([31L, 32, 33, 34, 35], page.Items.Select(n => n.Sequence));
        Assert.Equal((1L, 100L), (page.First, page.Head));
    }

    [Fact]
    public async Task The_same_change_appended_twice_is_kept_once()
    {
        await using var api = new ApiFactory();
        var feed = Feed(api, "twice");
        var change = NotificationDeliveryTests.Public("p");

        await Task.WhenAll(feed.AppendAsync(change), feed.AppendAsync(change));
        await feed.AppendAsync(change);

        Assert.Equal(1, (await feed.ReadAsync(0, 10)).Head);
    }

    [Fact]
    public async Task A_feed_outlives_a_restart_and_a_repeated_change_finds_its_notification_in_storage()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = data.Path, ["Orleans:ServiceId"] = $"feed-{Guid.NewGuid():N}" };
        var changes = Enumerable.Range(0, 70).Select(i => NotificationDeliveryTests.Public($"p{i}")).ToArray();
        var changedAt = DateTimeOffset.UtcNow;
        await using (var first = new ApiFactory(settings))
        {
            foreach (var change in changes) await Feed(first, "restart").AppendAsync(change);
        }

        await using var again = new ApiFactory(settings);
        var feed = Feed(again, "restart");
        Assert.Equal(changes.Select(c => c.ResourceId), (await ReadAllAsync(feed, 0)).Select(n => n.ResourceId));
        // A repeat of a change older than this activation: found in storage (an older segment), not appended again.
        await feed.EnsureAsync(changes[3], changedAt);
        await feed.EnsureAsync(changes[^1], changedAt);
        Assert.Equal(70, (await feed.ReadAsync(0, 0)).Head);
        await feed.AppendAsync(NotificationDeliveryTests.Public("after"));
        var last = (await feed.ReadAsync(70, 10)).Items.Single();
        Assert.Equal((71L, "after"), (last.Sequence, last.ResourceId));
        // A change that never reached the feed is appended by its repeat.
        await feed.EnsureAsync(NotificationDeliveryTests.Public("lost"), changedAt);
        Assert.Equal("lost", (await feed.ReadAsync(71, 10)).Items.Single().ResourceId);
    }

    [Fact]
    public async Task A_feed_keeps_at_most_MaxRetained_and_a_reader_from_before_them_cannot_continue()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Notifications:MaxRetained"] = "40" });
        var feed = Feed(api, "bounded");

        foreach (var i in Enumerable.Range(0, 100)) await feed.AppendAsync(NotificationDeliveryTests.Public($"p{i}"));

        var page = await feed.ReadAsync(after: 60, max: 100);
        Assert.Equal((61L, 100L), (page.First, page.Head));
        Assert.Equal(Enumerable.Range(61, 40).Select(i => (long)i), page.Items.Select(n => n.Sequence));
        Assert.True(page.CannotContinueAfter(59));
        Assert.False(page.CannotContinueAfter(60));
        Assert.True(page.CannotContinueAfter(101));
    }

    [Fact]
    public async Task Notifications_older_than_the_retention_go_a_segment_at_a_time()
    {
        var clock = new TestClock();
        await using var api = new ApiFactory(new Dictionary<string, string?>(), clock: clock);
        var feed = Feed(api, "retention");
        foreach (var i in Enumerable.Range(0, 40)) await feed.AppendAsync(NotificationDeliveryTests.Public($"old{i}"));

        clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(41, (await feed.ReadAsync(0, 0)).First);
        await feed.AppendAsync(NotificationDeliveryTests.Public("new"));

        var page = await feed.ReadAsync(40, 10);
        Assert.Equal((41L, 41L), (page.First, page.Head));
        Assert.Equal("new", page.Items.Single().ResourceId);
        Assert.True(page.CannotContinueAfter(10));
    }

    [Fact]
    public async Task An_erased_actors_notifications_leave_the_feed_and_a_cleared_feed_starts_over()
    {
        await using var api = new ApiFactory();
        var feed = Feed(api, "erasure");
        var (erased, kept) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var i in Enumerable.Range(0, 50))
            await feed.AppendAsync(NotificationDraft.Of(NotificationTypes.PostCreated, $"p{i}", i % 2 == 0 ? erased : kept, 1, new TestPost("t", "")));

        await feed.ForgetActorAsync(erased.ToString());

        var left = await ReadAllAsync(feed, 0);
        Assert.Equal(25, left.Count);
        Assert.All(left, n => Assert.Equal(kept.ToString(), n.ActorId));

        await feed.ClearAsync();
        await Eventually.Until(async () =>
        {
            try { return (await feed.ReadAsync(0, 10)).Head == 0; }
            catch (InvalidOperationException) { return false; }
        }, TimeSpan.FromSeconds(20), "the cleared feed to start over");
    }

    [Fact]
    public async Task Erasing_the_oldest_notifications_moves_no_reader_to_a_reset()
    {
        await using var api = new ApiFactory();
        var feed = Feed(api, "erased-first");
        var (erased, kept) = (Guid.NewGuid(), Guid.NewGuid());
        await feed.AppendAsync(NotificationDraft.Of(NotificationTypes.PostCreated, "theirs", erased, 1, new TestPost("t", "")));
        await feed.AppendAsync(NotificationDraft.Of(NotificationTypes.PostCreated, "mine", kept, 1, new TestPost("t", "")));

        await feed.ForgetActorAsync(erased.ToString());

        // What a reader from the start may see is all there: the erased notification was never its to see.
        var page = await feed.ReadAsync(after: 0, max: 10);
        Assert.Equal((1L, 2L), (page.First, page.Head));
        Assert.Equal("mine", page.Items.Single().ResourceId);
        Assert.False(page.CannotContinueAfter(0));
    }

    private static INotificationFeedGrain Feed(ApiFactory api, string name) =>
        api.Services.GetRequiredService<IGrainFactory>().GetGrain<INotificationFeedGrain>($"test-{name}");

    private static async Task<List<Notification>> ReadAllAsync(INotificationFeedGrain feed, long after)
    {
        var all = new List<Notification>();
        while (true)
        {
            var page = await feed.ReadAsync(after, 7);
            all.AddRange(page.Items);
            if (page.Items.Length < 7) return all;
            after = page.Items[^1].Sequence;
        }
    }
}
