using Grains.Interfaces.Notifications;
using Orleans.Concurrency;

namespace Grains.Notifications;

/// <summary>
/// A stateless worker, so publishing costs no hop to another silo and no single grain serialises
/// every notification; it keeps the registry's list for a second.
/// </summary>
[StatelessWorker]
internal sealed partial class NotificationPublisherGrain(TimeProvider clock, ILogger<NotificationPublisherGrain> logger) : Grain, INotificationPublisherGrain
{
    private static readonly TimeSpan ObserverListAge = TimeSpan.FromSeconds(1);

    private IReadOnlyList<INotificationObserver> _observers = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public async Task PublishAsync(Notification notification)
    {
        if (clock.GetUtcNow() - _fetchedAt > ObserverListAge)
        {
            _observers = await GrainFactory.GetGrain<INotificationRegistryGrain>(0).GetObserversAsync();
            _fetchedAt = clock.GetUtcNow();
        }

        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnNotificationAsync(notification);
            }
            catch (Exception exception)
            {
                // One unreachable node must not keep the others from their notifications.
                LogDeliveryFailed(exception, notification.Type);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand a {Type} notification to an Api node")]
    private partial void LogDeliveryFailed(Exception exception, string type);
}
