namespace Grains.Interfaces.Notifications;

/// <summary>
/// The cluster's list of Api nodes that want notifications (one grain, key 0). Nodes renew their
/// subscription periodically; one that stops renewing (it died) is forgotten after <see cref="Lease"/>.
/// </summary>
public interface INotificationRegistryGrain : IGrainWithIntegerKey
{
    static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Idempotent]
    Task SubscribeAsync(INotificationObserver observer);

    [Idempotent]
    Task UnsubscribeAsync(INotificationObserver observer);

    Task<IReadOnlyList<INotificationObserver>> GetObserversAsync();
}
