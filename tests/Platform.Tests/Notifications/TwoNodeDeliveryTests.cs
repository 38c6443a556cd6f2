using Grains.Interfaces.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Notifications;

/// <summary>Two Api nodes of one cluster (PostgreSQL membership): a change published on A reaches a client of B.</summary>
public sealed class TwoNodeDeliveryTests
{
    [Fact]
    public async Task A_notification_published_on_node_A_reaches_a_client_of_node_B()
    {
        var cluster = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Orleans"] = await PostgresServer.CreateDatabaseAsync(),
            ["Orleans:ClusterId"] = $"two-nodes-{Guid.NewGuid():N}",
            ["Orleans:AdvertisedIP"] = "127.0.0.1",
            ["Orleans:HostSilo"] = "true",
        };
        await using var nodeA = new ApiFactory(cluster, kestrel: true);
        await using var nodeB = new ApiFactory(cluster, kestrel: true);
        nodeA.StartServer();
        nodeB.StartServer();

        using var socket = await NotificationClients.ConnectSocketAsync(nodeB.Address!);
        await NotificationDeliveryTests.WaitForSubscribers(nodeB, 1);
        var registry = nodeA.Services.GetRequiredService<IGrainFactory>().GetGrain<INotificationRegistryGrain>(0);
        await Eventually.Until(async () => (await registry.GetObserversAsync()).Count == 2,
            TimeSpan.FromSeconds(30), "both nodes to subscribe");

        await NotificationDeliveryTests.Publish(nodeA, NotificationDeliveryTests.Public("from-a"));

        var received = await socket.ReceiveAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("from-a", received!.Value.GetProperty("resource_id").GetString());
    }

    [Fact]
    public async Task A_node_that_stops_renewing_is_forgotten_and_publishing_goes_on()
    {
        var clock = new TestClock();
        // Renewals run on real timers every third of the lease; a short one keeps the live node's next one near.
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Notifications:SubscriptionLease"] = "00:00:02" }, kestrel: true, clock: clock);
        using var socket = await NotificationClients.ConnectSocketAsync(new Uri(api.CreateKestrelClient().BaseAddress!, "/"));
        await NotificationDeliveryTests.WaitForSubscribers(api, 1);
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        var registry = grains.GetGrain<INotificationRegistryGrain>(0);

        // A "node" that subscribes once and then dies: it never renews.
        var dead = grains.CreateObjectReference<INotificationObserver>(new SilentObserver());
        await registry.SubscribeAsync(dead);
        Assert.Contains(dead, await registry.GetObserversAsync());

        // Past every lease: the silent node is dropped at once; the live one is back with its next renewal.
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(dead, await registry.GetObserversAsync());
        await Eventually.Until(async () => (await registry.GetObserversAsync()).Count == 1,
            TimeSpan.FromSeconds(20), "the live node to renew");
        // The live node renews within its lease and still receives.
        await NotificationDeliveryTests.Publish(api, NotificationDeliveryTests.Public("after-expiry"));
        Assert.Equal("after-expiry", (await socket.ReceiveAsync(TimeSpan.FromSeconds(10)))!.Value.GetProperty("resource_id").GetString());
    }

    private sealed class SilentObserver : INotificationObserver
    {
        public Task OnNotificationsAsync(Notification[] notifications) => Task.CompletedTask;
    }
}
