using Orleans.Concurrency;

namespace Grains.Interfaces.Notifications;

/// <summary>Implemented by each Api node, which forwards what it receives to its own connections.</summary>
public interface INotificationObserver : IGrainObserver
{
    /// <summary>One-way: a slow or dead node never delays the grain that published.</summary>
    [OneWay]
    Task OnNotificationAsync(Notification notification);
}
