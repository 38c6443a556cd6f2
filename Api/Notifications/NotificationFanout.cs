using System.Collections.Concurrent;
using Grains.Interfaces.Notifications;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Api.Notifications;

/// <summary>This node's connections, SignalR and plain WebSocket alike.</summary>
internal sealed class NotificationFanout(IOptions<JsonOptions> json)
{
    private readonly ConcurrentDictionary<NotificationSubscriber, byte> _subscribers = new();

    public int Count => _subscribers.Count;

    public void Add(NotificationSubscriber subscriber) => _subscribers.TryAdd(subscriber, 0);

    public void Remove(NotificationSubscriber subscriber)
    {
        _subscribers.TryRemove(subscriber, out _);
        subscriber.Complete();
    }

    public void Deliver(Notification notification)
    {
        var outgoing = new OutgoingNotification(notification, json.Value.SerializerOptions);
        foreach (var subscriber in _subscribers.Keys)
            subscriber.Offer(outgoing);
    }
}
