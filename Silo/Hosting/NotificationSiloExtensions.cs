using Grains.Notifications;

namespace Silo.Hosting;

public static class NotificationSiloExtensions
{
    /// <summary>What notification feeds need on a silo: the shared list of Api nodes they publish to.</summary>
    public static ISiloBuilder AddNotificationGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton<NotificationObservers>();
        return silo;
    }
}
