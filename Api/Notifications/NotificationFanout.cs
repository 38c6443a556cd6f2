using System.Collections.Concurrent;
using Grains.Interfaces.Notifications;

namespace Api.Notifications;

/// <summary>This node's connections, whatever their transport.</summary>
internal sealed class NotificationFanout
{
    private readonly ConcurrentDictionary<NotificationSubscriber, byte> _subscribers = new();

    public int Count => _subscribers.Count;

    public void Add(NotificationSubscriber subscriber) => _subscribers.TryAdd(subscriber, 0);

    public void Remove(NotificationSubscriber subscriber)
    {
        _subscribers.TryRemove(subscriber, out _);
        subscriber.Complete();
    }

    public void Deliver(Notification[] notifications)
    {
        if (_subscribers.IsEmpty) return;
        foreach (var notification in notifications)
        {
            var outgoing = OutgoingNotification.From(notification);
            foreach (var subscriber in _subscribers.Keys)
                subscriber.Offer(outgoing);
        }
    }
}
