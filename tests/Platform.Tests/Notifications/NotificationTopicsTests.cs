using System.Net.WebSockets;
using System.Text.Json;
using Grains.Interfaces.Notifications;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Platform.Tests.Identity;

namespace Platform.Tests.Notifications;

/// <summary><c>topics=post:{id},collection:{id}</c> on the three transports: only those resources, and only collections the caller owns.</summary>
public sealed class NotificationTopicsTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ApiFactory _api = new(new Dictionary<string, string?>(), kestrel: true);

    public Task InitializeAsync() => _api.CreateKestrelClient().GetAsync("/health/live");

    public Task DisposeAsync() => _api.DisposeAsync().AsTask();

    [Fact]
    public async Task Each_transport_delivers_only_the_topics_asked_for()
    {
        var owner = await TestUsers.SignUpAsync(_api.CreateKestrelClient());
        var collection = await CreateCollectionAsync(owner);
        var topics = $"post:p2,collection:{collection}";

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{_api.Address!.Authority}/ws/notifications/?topics={topics}&access_token={owner.AccessToken}"), CancellationToken.None);
        using var sse = await EventStreamReader.OpenAsync(_api.Address!, $"/sse/notifications?topics={topics}&access_token={owner.AccessToken}");
        var (hub, hubReceived) = await NotificationClients.ConnectHubAsync(_api.Address!, owner.AccessToken);
        await using var _ = hub;
        await hub.InvokeAsync("Subscribe", topics);
        await NotificationDeliveryTests.WaitForSubscribers(_api, 3);

        await NotificationDeliveryTests.Publish(_api, NotificationDeliveryTests.Public("p1"));
        await NotificationDeliveryTests.Publish(_api, NotificationDeliveryTests.Public("p2"));
        var ownFeed = NotificationFeeds.OfUser(owner.Id);
        await NotificationDeliveryTests.Publish(_api, NotificationDeliveryTests.Change(NotificationTypes.CollectionUpdated, "another", new { }), ownFeed);
        await NotificationDeliveryTests.Publish(_api, NotificationDeliveryTests.Change(NotificationTypes.CollectionUpdated, collection, new { }), ownFeed);

        var viaSocket = new[] { (await socket.ReceiveAsync(Patience))!.Value, (await socket.ReceiveAsync(Patience))!.Value };
        var viaHub = new[] { await hubReceived.ReadAsync(Patience), await hubReceived.ReadAsync(Patience) };
        var viaSse = new[] { await sse.NextNotificationAsync(Patience), await sse.NextNotificationAsync(Patience) };
        foreach (var received in new[] { viaSocket, viaHub, viaSse })
            Assert.Equal(["p2", collection], received.Select(n => n.GetProperty("resource_id").GetString()));
    }

    [Fact]
    public async Task Somebody_elses_collection_is_refused_on_each_transport()
    {
        var owner = await TestUsers.SignUpAsync(_api.CreateKestrelClient());
        var stranger = await TestUsers.SignUpAsync(_api.CreateKestrelClient());
        var collection = await CreateCollectionAsync(owner);

        var sse = await _api.CreateKestrelClient().GetAsync($"/sse/notifications?topics=collection:{collection}&access_token={stranger.AccessToken}", HttpCompletionOption.ResponseHeadersRead);
        await sse.AssertProblemAsync(HttpStatusCode.NotFound);

        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{_api.Address!.Authority}/ws/notifications/?topics=collection:{collection}&access_token={stranger.AccessToken}"), CancellationToken.None);
        Assert.Null(await socket.ReceiveAsync(Patience));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);

        var (hub, _) = await NotificationClients.ConnectHubAsync(_api.Address!, stranger.AccessToken);
        await using var __ = hub;
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", $"collection:{collection}"));
        // Anonymous callers own no collection.
        var anonymous = await _api.CreateKestrelClient().GetAsync($"/sse/notifications?topics=collection:{collection}", HttpCompletionOption.ResponseHeadersRead);
        await anonymous.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("user:1")]
    [InlineData("post:")]
    [InlineData("post:a b")]
    public async Task Malformed_topics_are_400(string topics)
    {
        var sse = await _api.CreateKestrelClient().GetAsync($"/sse/notifications?topics={Uri.EscapeDataString(topics)}", HttpCompletionOption.ResponseHeadersRead);
        await sse.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<string> CreateCollectionAsync(TestUser owner)
    {
        var response = await _api.CreateClient(owner.AccessToken).PostAsJsonAsync("/api/collections", new { name = "followed" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
