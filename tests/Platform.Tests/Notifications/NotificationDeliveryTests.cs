using System.Diagnostics;
using System.Net.WebSockets;
using Api.Notifications;
using Grains.Interfaces.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Notifications;

/// <summary>Delivery mechanics over real Kestrel, with notifications published the way grains publish them.</summary>
public sealed class NotificationDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private const int SmallBuffer = 20;

    private readonly ApiFactory _api = new(new Dictionary<string, string?> { ["Notifications:BufferSize"] = "1024" }, kestrel: true);
    private readonly ApiFactory _smallBuffers = new(new Dictionary<string, string?> { ["Notifications:BufferSize"] = $"{SmallBuffer}" }, kestrel: true);

    public Task InitializeAsync() => _api.CreateKestrelClient().GetAsync("/health/live");

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _smallBuffers.DisposeAsync();
    }

    [Fact]
    public async Task SignalR_and_plain_WebSocket_clients_receive_a_notification_within_one_second()
    {
        var (hub, hubReceived) = await NotificationClients.ConnectHubAsync(_api.Address!);
        await using var hubConnection = hub;
        using var socket = await NotificationClients.ConnectSocketAsync(_api.Address!);
        await WaitForSubscribers(_api, 2);

        var stopwatch = Stopwatch.StartNew();
        await Publish(_api, Public("first"));
        var viaHub = await hubReceived.ReadAsync(Patience);
        var viaSocket = await socket.ReceiveAsync(Patience);
        stopwatch.Stop();

        Assert.True(stopwatch.Elapsed < OneSecond, $"took {stopwatch.Elapsed}");
        foreach (var received in new[] { viaHub, viaSocket!.Value })
        {
            Assert.Equal(NotificationTypes.PostCreated, received.GetProperty("type").GetString());
            Assert.Equal("first", received.GetProperty("resource_id").GetString());
            Assert.Equal("first", received.GetProperty("data").GetProperty("title").GetString());
            Assert.False(received.TryGetProperty("audience", out _));
        }
    }

    [Fact]
    public async Task A_stalled_client_does_not_keep_a_healthy_one_from_1000_notifications()
    {
        using var stalled = await NotificationClients.ConnectSocketAsync(_api.Address!);
        using var healthy = await NotificationClients.ConnectSocketAsync(_api.Address!);
        await WaitForSubscribers(_api, 2);

        // Large enough that the stalled client's socket buffers fill up.
        var padding = new string('x', 8 * 1024);
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
                await Publish(_api, Public(i.ToString(), padding));
        });

        for (var i = 0; i < 1000; i++)
        {
            var received = await healthy.ReceiveAsync(Patience);
            Assert.Equal(i.ToString(), received!.Value.GetProperty("resource_id").GetString());
        }
        await publishing;
        Assert.Equal(WebSocketState.Open, healthy.State);
    }

    [Fact]
    public async Task A_client_whose_buffer_overflows_is_closed_and_forgotten()
    {
        _smallBuffers.StartServer();
        using var stalled = await NotificationClients.ConnectSocketAsync(_smallBuffers.Address!);
        await WaitForSubscribers(_smallBuffers, 1);

        var padding = new string('x', 64 * 1024);
        await Eventually.Until(async () =>
        {
            await Publish(_smallBuffers, Public("flood", padding));
            return _smallBuffers.Services.GetRequiredService<NotificationFanout>().Count == 0;
        }, Patience, "the stalled client to be dropped");
    }

    [Fact]
    public async Task Non_WebSocket_request_to_the_socket_endpoint_is_a_400_problem()
    {
        var response = await _api.CreateKestrelClient().GetAsync("/ws/notifications/");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_invalid_token_is_refused_on_the_hub_and_the_socket_not_treated_as_anonymous()
    {
        var http = _api.CreateKestrelClient();
        var negotiate = await http.PostAsync("/hubs/notifications/negotiate?negotiateVersion=1&access_token=not-a-token", null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
        Assert.Contains("Bearer", negotiate.Headers.WwwAuthenticate.ToString());

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => NotificationClients.ConnectSocketAsync(_api.Address!, "not-a-token"));
        Assert.Contains("401", refused.Message);

        var user = await Identity.TestUsers.SignUpAsync(http);
        using var accepted = await NotificationClients.ConnectSocketAsync(_api.Address!, user.AccessToken);
        Assert.Equal(WebSocketState.Open, accepted.State);
        var (hub, _) = await NotificationClients.ConnectHubAsync(_api.Address!, user.AccessToken);
        await hub.DisposeAsync();
    }

    private static int _versions;

    /// <summary>A post notification for the public feed; each one made is a change of its own (its own version).</summary>
    internal static NotificationDraft Public(string id, string body = "") => Change(NotificationTypes.PostCreated, id, new TestPost(id, body));

    internal static NotificationDraft Change(string type, string resourceId, object data) =>
        NotificationDraft.Of(type, resourceId, Guid.Empty, Interlocked.Increment(ref _versions), data);

    /// <summary>Appends to a feed as grains do, so it is numbered, kept and published.</summary>
    internal static Task Publish(ApiFactory api, NotificationDraft draft, string feed = NotificationFeeds.Public) =>
        api.Services.GetRequiredService<IGrainFactory>().GetGrain<INotificationFeedGrain>(feed).AppendAsync(draft);

    /// <summary>Waits until this node's relay is subscribed and has exactly <paramref name="count"/> connections.</summary>
    internal static async Task WaitForSubscribers(ApiFactory api, int count)
    {
        var fanout = api.Services.GetRequiredService<NotificationFanout>();
        var registry = api.Services.GetRequiredService<IGrainFactory>().GetGrain<INotificationRegistryGrain>(0);
        await Eventually.Until(async () => fanout.Count == count && (await registry.GetObserversAsync()).Count > 0,
            Patience, $"{count} subscriber(s)");
    }
}

public sealed record TestPost(string Title, string Body);
