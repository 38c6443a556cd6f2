using Grains.Interfaces.Notifications;

namespace Grains.Notifications;

/// <summary>
/// The silo's copy of the registry's list of Api nodes, at most a second old, shared by every feed on the silo so
/// that a thousand users' feeds do not each ask the registry.
/// </summary>
public sealed partial class NotificationObservers(IGrainFactory grains, TimeProvider clock, ILogger<NotificationObservers> logger)
{
    private static readonly TimeSpan ListAge = TimeSpan.FromSeconds(1);

    private volatile ObserverList _list = new([], DateTimeOffset.MinValue);
    private int _refreshing;

    /// <summary>Hands the notifications, one-way and in order, to every Api node; never throws.</summary>
    public async Task PublishAsync(Notification[] notifications)
    {
        foreach (var observer in await CurrentAsync())
        {
            try
            {
                await observer.OnNotificationsAsync(notifications);
            }
            catch (Exception exception)
            {
                // One unreachable node must not keep the others from their notifications; it catches up from the feed.
                LogDeliveryFailed(exception, notifications.Length);
            }
        }
    }

    /// <summary>
    /// The list, refreshed in the background once it is a second old: a registry that is slow to answer (its silo just
    /// died) never holds up a feed's publishing, which goes on to the nodes last known.
    /// </summary>
    private async Task<IReadOnlyList<INotificationObserver>> CurrentAsync()
    {
        var list = _list;
        if (list.FetchedAt == DateTimeOffset.MinValue)
            return await RefreshAsync();
        if (clock.GetUtcNow() - list.FetchedAt > ListAge && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
            _ = RefreshAsync();
        return list.Observers;
    }

    private async Task<IReadOnlyList<INotificationObserver>> RefreshAsync()
    {
        try
        {
            var observers = await grains.GetGrain<INotificationRegistryGrain>(0).GetObserversAsync();
            _list = new(observers, clock.GetUtcNow());
            return observers;
        }
        catch (Exception exception)
        {
            // The last list known is better than none; nodes it misses catch up from the feed.
            LogListFailed(exception);
            return _list.Observers;
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }

    private sealed record ObserverList(IReadOnlyList<INotificationObserver> Observers, DateTimeOffset FetchedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not hand {Count} notification(s) to an Api node")]
    private partial void LogDeliveryFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the list of Api nodes from the notification registry")]
    private partial void LogListFailed(Exception exception);
}
