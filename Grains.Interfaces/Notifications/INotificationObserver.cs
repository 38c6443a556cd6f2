using Orleans.Concurrency;

namespace Grains.Interfaces.Notifications;

/// <summary>Implemented by each Api node, which forwards what it receives to its own connections.</summary>
public interface INotificationObserver : IGrainObserver
{
    /// <summary>
    /// One-way: a slow or dead node never delays the feed that published. A feed sends its notifications in order,
    /// as many as one storage write stored.
    /// </summary>
    [OneWay]
    Task OnNotificationsAsync(Notification[] notifications);
}
