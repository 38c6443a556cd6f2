using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Platform.Tests.Identity;

namespace Platform.Tests.Notifications;

/// <summary>Notifications of real content changes, over real Kestrel, to every kind of client.</summary>
public sealed class ContentNotificationTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ApiFactory _api = new(new Dictionary<string, string?>(), kestrel: true);

    public Task InitializeAsync() => _api.CreateKestrelClient().GetAsync("/health/live");

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Post_created_reaches_a_SignalR_and_a_plain_WebSocket_client_within_one_second()
    {
        var author = await SignedInAsync();
        var (hub, hubReceived) = await NotificationClients.ConnectHubAsync(_api.Address!);
        await using var hubConnection = hub;
        using var socket = await NotificationClients.ConnectSocketAsync(_api.Address!);
        await NotificationDeliveryTests.WaitForSubscribers(_api, 2);

        var stopwatch = Stopwatch.StartNew();
        var created = await (await author.PostAsJsonAsync("/api/posts", new { title = "Hello", body = "World" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var viaHub = await hubReceived.ReadAsync(Patience);
        var viaSocket = (await socket.ReceiveAsync(Patience))!.Value;
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed}");
        foreach (var notification in new[] { viaHub, viaSocket })
        {
            Assert.Equal("post.created", notification.GetProperty("type").GetString());
            Assert.Equal(created.GetProperty("id").GetString(), notification.GetProperty("resource_id").GetString());
            Assert.Equal(created.GetProperty("author_id").GetString(), notification.GetProperty("actor_id").GetString());
            // The grain renders data with the HTTP API's JSON conventions: the same resource, the same JSON.
            Assert.True(JsonElement.DeepEquals(created, notification.GetProperty("data")), $"{created} != {notification.GetProperty("data")}");
            Assert.True(notification.TryGetProperty("at", out _));
            Assert.Equal("1", notification.GetProperty("id").GetString());
        }
    }

    [Theory]
    [InlineData(HttpTransportType.ServerSentEvents)]
    [InlineData(HttpTransportType.LongPolling)]
    public async Task The_hub_delivers_over_every_transport(HttpTransportType transport)
    {
        var author = await SignedInAsync();
        var (hub, received) = await NotificationClients.ConnectHubAsync(_api.Address!, transport: transport);
        await using var hubConnection = hub;
        await NotificationDeliveryTests.WaitForSubscribers(_api, 1);

        await author.PostAsJsonAsync("/api/posts", new { title = "Over " + transport });

        Assert.Equal("Over " + transport, (await received.ReadAsync(Patience)).GetProperty("data").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Collection_notifications_reach_only_the_owner()
    {
        var (owner, ownerToken) = await SignedInWithTokenAsync();
        var (_, otherToken) = await SignedInWithTokenAsync();
        using var ownerSocket = await NotificationClients.ConnectSocketAsync(_api.Address!, ownerToken);
        var (ownerHub, ownerHubReceived) = await NotificationClients.ConnectHubAsync(_api.Address!, ownerToken);
        await using var ownerHubConnection = ownerHub;
        using var otherSocket = await NotificationClients.ConnectSocketAsync(_api.Address!, otherToken);
        using var anonymousSocket = await NotificationClients.ConnectSocketAsync(_api.Address!);
        await NotificationDeliveryTests.WaitForSubscribers(_api, 4);

        var collection = await (await owner.PostAsJsonAsync("/api/collections", new { name = "Mine" })).Content.ReadFromJsonAsync<JsonElement>();
        var post = await (await owner.PostAsJsonAsync("/api/posts", new { title = "Public marker" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = collection.GetProperty("id").GetString();
        await owner.PostAsJsonAsync($"/api/collections/{id}/add_post", new { post_id = post.GetProperty("id").GetString() });

        // The owner sees both of their collection's notifications and the public post, in order.
        Assert.Equal(["collection.created", "post.created", "collection.post_added"], await TypesAsync(ownerSocket, 3));
        Assert.Equal("collection.created", (await ownerHubReceived.ReadAsync(Patience)).GetProperty("type").GetString());
        // The others see the public post first and nothing else: the post is the last thing published.
        Assert.Equal(["post.created"], await TypesAsync(otherSocket, 1));
        Assert.Equal(["post.created"], await TypesAsync(anonymousSocket, 1));
        await owner.DeleteAsync($"/api/posts/{post.GetProperty("id").GetString()}");
        Assert.Equal(["collection.post_removed", "post.deleted"], await TypesAsync(ownerSocket, 2));
        Assert.Equal(["post.deleted"], await TypesAsync(otherSocket, 1));
        Assert.Equal(["post.deleted"], await TypesAsync(anonymousSocket, 1));
    }

    private static async Task<string[]> TypesAsync(System.Net.WebSockets.ClientWebSocket socket, int count)
    {
        var types = new List<string>();
        for (var i = 0; i < count; i++)
            types.Add((await socket.ReceiveAsync(Patience))!.Value.GetProperty("type").GetString()!);
        return [.. types];
    }

    private async Task<HttpClient> SignedInAsync() => (await SignedInWithTokenAsync()).Client;

    private async Task<(HttpClient Client, string Token)> SignedInWithTokenAsync()
    {
        var client = _api.CreateKestrelClient();
        var user = await TestUsers.SignUpAsync(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        return (client, user.AccessToken);
    }
}
