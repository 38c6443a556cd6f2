using Grains.Interfaces.Notifications;

namespace Grains.Notifications;

[GenerateSerializer, Alias("NotificationRegistryState")]
public sealed class NotificationRegistryState
{
    /// <summary>Persisted so a registry reactivated after a silo failure still knows every node at once.</summary>
    [Id(0)] public HashSet<INotificationObserver> Observers { get; set; } = [];
}
