using System.Net.WebSockets;
using System.Text.Json;
using Api.Notifications;
using Grains.Interfaces.Notifications;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Platform.Tests.Identity;

namespace Platform.Tests.Notifications;

/// <summary>
/// Resuming after a disconnect on the three transports, over real Kestrel: replay of exactly what followed the id given,
/// in order, then live; a reset when what followed is no longer kept.
/// </summary>
public sealed class ResumeTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ApiFactory _api = new(new Dictionary<string, string?> { ["Notifications:MaxRetained"] = "50" }, kestrel: true);

    public Task InitializeAsync() => _api.CreateKestrelClient().GetAsync("/health/live");

    public Task DisposeAsync() => _api.DisposeAsync().AsTask();

    [Fact]
    public async Task A_socket_resumes_after_its_last_id_with_what_it_missed_in_order_then_live()
    {
        string lastId;
        using (var first = await NotificationClients.ConnectSocketAsync(_api.Address!))
        {
            await NotificationDeliveryTests.WaitForSubscribers(_api, 1);
            await PublishAsync("p1", "p2");
            Assert.Equal("p1", ResourceId((await first.ReceiveAsync(Patience))!.Value));
            lastId = Id((await first.ReceiveAsync(Patience))!.Value);
            await first.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
        await PublishAsync("p3", "p4", "p5");

        using var again = await NotificationClients.ConnectSocketAsync(_api.Address!, since: lastId);
        var replayed = new[] { (await again.ReceiveAsync(Patience))!.Value, (await again.ReceiveAsync(Patience))!.Value, (await again.ReceiveAsync(Patience))!.Value };
        await NotificationDeliveryTests.WaitForSubscribers(_api, 1);
        await PublishAsync("p6");
        var live = (await again.ReceiveAsync(Patience))!.Value;

        Assert.Equal(["p3", "p4", "p5", "p6"], replayed.Append(live).Select(ResourceId));
        Assert.Equal(["3", "4", "5", "6"], replayed.Append(live).Select(Id));
        Assert.Equal("2", lastId);
    }

    [Fact]
    public async Task An_event_stream_resumes_from_Last_Event_ID_which_wins_over_since()
    {
        string lastId;
        using (var first = await EventStreamReader.OpenAsync(_api.Address!, "/sse/notifications"))
        {
            await NotificationDeliveryTests.WaitForSubscribers(_api, 1);
            await PublishAsync("p1");
            var received = await first.NextAsync(Patience);
            lastId = received.EventId!;
            Assert.Equal(lastId, Id(JsonDocument.Parse(received.Data).RootElement));
        }
        await PublishAsync("p2", "p3");

        // As an EventSource reconnects: the URL keeps the first connection's since, the header says where it got to.
        using var again = await EventStreamReader.OpenAsync(_api.Address!, "/sse/notifications?since=0", lastEventId: lastId);
        var replayed = new[] { await again.NextAsync(Patience), await again.NextAsync(Patience) };

        Assert.Equal(["p2", "p3"], replayed.Select(e => ResourceId(JsonDocument.Parse(e.Data).RootElement)));
        Assert.Equal(["2", "3"], replayed.Select(e => e.EventId));
    }

    [Fact]
    public async Task A_hub_connection_resumes_with_Resume()
    {
        string lastId;
        var (hub, received) = await NotificationClients.ConnectHubAsync(_api.Address!);
        await using (hub)
        {
            await NotificationDeliveryTests.WaitForSubscribers(_api, 1);
            await PublishAsync("p1");
            lastId = Id(await received.ReadAsync(Patience));
        }
        await PublishAsync("p2", "p3");

        var (again, receivedAgain) = await NotificationClients.ConnectHubAsync(_api.Address!);
        await using var _ = again;
        await again.InvokeAsync("Resume", lastId);
        Assert.Equal("p2", ResourceId(await receivedAgain.ReadAsync(Patience)));
        Assert.Equal("p3", ResourceId(await receivedAgain.ReadAsync(Patience)));
        await PublishAsync("p4");
        var live = await receivedAgain.ReadAsync(Patience);

        Assert.Equal(("p4", "4"), (ResourceId(live), Id(live)));
        await Assert.ThrowsAsync<HubException>(() => again.InvokeAsync("Resume", "1.2.3"));
    }

    [Fact]
    public async Task A_signed_in_connection_resumes_both_its_feeds_from_one_id_in_the_order_things_happened()
    {
        var owner = await TestUsers.SignUpAsync(_api.CreateKestrelClient());
        var ownFeed = NotificationFeeds.OfUser(owner.Id);
        var path = $"/sse/notifications?access_token={Uri.EscapeDataString(owner.AccessToken)}";
        string lastId;
        using (var first = await EventStreamReader.OpenAsync(_api.Address!, path))
        {
            await NotificationDeliveryTests.WaitForSubscribers(_api, 1);
            await PublishAsync("p1");
            await NotificationDeliveryTests.Publish(_api, Private("c1"), ownFeed);
            Assert.Equal("1.0", (await first.NextAsync(Patience)).EventId);
            lastId = (await first.NextAsync(Patience)).EventId!;
        }
        await NotificationDeliveryTests.Publish(_api, Private("c2"), ownFeed);
        await PublishAsync("p2");
        await NotificationDeliveryTests.Publish(_api, Private("c3"), ownFeed);

        using var again = await EventStreamReader.OpenAsync(_api.Address!, path, lastEventId: lastId);
        var replayed = new[] { await again.NextAsync(Patience), await again.NextAsync(Patience), await again.NextAsync(Patience) };

        Assert.Equal("1.1", lastId);
        Assert.Equal(["c2", "p2", "c3"], replayed.Select(e => ResourceId(JsonDocument.Parse(e.Data).RootElement)));
        Assert.Equal(["1.2", "2.2", "2.3"], replayed.Select(e => e.EventId));
    }

    [Fact]
    public async Task A_since_whose_followers_are_no_longer_kept_gets_a_reset_first_then_live()
    {
        await PublishAsync("p1");
        await PublishAsync([.. Enumerable.Range(2, 59).Select(i => $"p{i}")]);

        using var socket = await NotificationClients.ConnectSocketAsync(_api.Address!, since: "1");
        var reset = (await socket.ReceiveAsync(Patience))!.Value;
        await NotificationDeliveryTests.WaitForSubscribers(_api, 1);
        await PublishAsync("p61");
        var live = (await socket.ReceiveAsync(Patience))!.Value;

        Assert.Equal(("reset", "60"), (reset.GetProperty("type").GetString(), Id(reset)));
        Assert.Equal(JsonValueKind.Null, reset.GetProperty("data").ValueKind);
        Assert.Equal(("p61", "61"), (ResourceId(live), Id(live)));
    }

    [Fact]
    public async Task An_id_from_the_future_or_one_without_the_users_own_feed_gets_a_reset()
    {
        await PublishAsync("p1");
        using var future = await NotificationClients.ConnectSocketAsync(_api.Address!, since: "999");
        Assert.Equal("reset", (await future.ReceiveAsync(Patience))!.Value.GetProperty("type").GetString());

        // An id an anonymous connection had does not say where the user's own feed was.
        var owner = await TestUsers.SignUpAsync(_api.CreateKestrelClient());
        using var signedIn = await EventStreamReader.OpenAsync(_api.Address!, $"/sse/notifications?access_token={Uri.EscapeDataString(owner.AccessToken)}", lastEventId: "1");
        var reset = await signedIn.NextAsync(Patience);
        Assert.Equal(("reset", "1.0"), (JsonDocument.Parse(reset.Data).RootElement.GetProperty("type").GetString(), reset.EventId));
    }

    [Fact]
    public async Task A_replay_keeps_to_the_topics_asked_for()
    {
        await PublishAsync("p1", "p2", "p3", "p2");
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{_api.Address!.Authority}/ws/notifications/?topics=post:p2&since=0"), CancellationToken.None);

        var replayed = new[] { (await socket.ReceiveAsync(Patience))!.Value, (await socket.ReceiveAsync(Patience))!.Value };

        Assert.Equal(["2", "4"], replayed.Select(Id));
        Assert.All(replayed, n => Assert.Equal("p2", ResourceId(n)));
    }

    [Fact]
    public async Task A_malformed_id_is_refused_with_a_400_problem_or_a_hub_error()
    {
        var http = _api.CreateKestrelClient();
        await (await http.GetAsync("/sse/notifications?since=abc", HttpCompletionOption.ResponseHeadersRead)).AssertProblemAsync(HttpStatusCode.BadRequest);
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => NotificationClients.ConnectSocketAsync(_api.Address!, since: "1.2.3"));
        Assert.Contains("400", refused.Message);
    }

    [Fact]
    public async Task A_gap_in_live_delivery_is_read_from_the_feed_and_what_was_passed_is_never_sent_twice()
    {
        var feeds = _api.Services.GetRequiredService<NotificationFeedReader>();
        await PublishAsync("p1", "p2");
        // Not in this node's fan-out: it gets only what the test offers it, as a node that missed some would.
        var subscriber = new NotificationSubscriber(userId: null, topics: null, bufferSize: 100, TimeProvider.System);
        using var stop = new CancellationTokenSource(Patience);
        await using var deliveries = subscriber.DeliverAsync(feeds, new NotificationCursor(1, null), keepAlive: null, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.Equal("2", await NextIdAsync(deliveries));

        await PublishAsync("p3", "p4", "p5");
        subscriber.Offer(await ReadOneAsync(feeds, 5));
        var filled = new[] { await NextIdAsync(deliveries), await NextIdAsync(deliveries), await NextIdAsync(deliveries) };
        subscriber.Offer(await ReadOneAsync(feeds, 3));
        await PublishAsync("p6");
        subscriber.Offer(await ReadOneAsync(feeds, 6));

        Assert.Equal(["3", "4", "5"], filled);
        Assert.Equal("6", await NextIdAsync(deliveries));
    }

    private static async Task<string> NextIdAsync(IAsyncEnumerator<NotificationDelivery> deliveries)
    {
        Assert.True(await deliveries.MoveNextAsync());
        return deliveries.Current.Id;
    }

    private static async Task<OutgoingNotification> ReadOneAsync(NotificationFeedReader feeds, long sequence) =>
        (await feeds.ReadAsync(NotificationFeeds.Public, sequence - 1, 1)).Items.Single();

    private async Task PublishAsync(params string[] postIds)
    {
        foreach (var id in postIds)
            await NotificationDeliveryTests.Publish(_api, NotificationDeliveryTests.Public(id));
    }

    private static NotificationDraft Private(string collectionId) =>
        NotificationDeliveryTests.Change(NotificationTypes.CollectionUpdated, collectionId, new TestPost(collectionId, ""));

    private static string Id(JsonElement notification) => notification.GetProperty("id").GetString()!;

    private static string ResourceId(JsonElement notification) => notification.GetProperty("resource_id").GetString()!;
}
