using Grains.Interfaces.Notifications;

namespace Grains.Notifications;

internal static partial class NotificationPublishing
{
    /// <summary>
    /// Publishes after the change is written. Best effort: the change stands whatever happens here, so a
    /// failure is logged, never thrown at the caller whose write succeeded.
    /// </summary>
    public static async Task PublishAsync(this IGrainFactory grains, Notification notification, ILogger logger)
    {
        try
        {
            await grains.GetGrain<INotificationPublisherGrain>(0).PublishAsync(notification);
        }
        catch (Exception exception)
        {
            LogPublishFailed(logger, exception, notification.Type, notification.ResourceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {Type} for {ResourceId}")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string type, string resourceId);
}
