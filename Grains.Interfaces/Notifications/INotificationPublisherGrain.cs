namespace Grains.Interfaces.Notifications;

/// <summary>
/// Where grains publish notifications (key 0, a stateless worker local to the caller's silo): it fans out
/// to every subscribed Api node.
/// </summary>
public interface INotificationPublisherGrain : IGrainWithIntegerKey
{
    Task PublishAsync(Notification notification);
}
