namespace Grains.Interfaces.Notifications;

/// <summary>
/// The cluster's list of Api nodes that want notifications (one grain, key 0). Nodes renew their
/// subscription well within its lease; one that stops renewing (it died) is forgotten when the lease ends.
/// </summary>
public interface INotificationRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Subscribes or renews; returns the lease, which the node must renew within.</summary>
    [Idempotent]
    Task<TimeSpan> SubscribeAsync(INotificationObserver observer);

    [Idempotent]
    Task UnsubscribeAsync(INotificationObserver observer);

    Task<IReadOnlyList<INotificationObserver>> GetObserversAsync();
}
