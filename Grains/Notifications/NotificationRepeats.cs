namespace Grains.Notifications;

internal static class NotificationRepeats
{
    /// <summary>
    /// How long after a change a repeat of it still makes sure its notification is in the feed. Api nodes repeat a call
    /// whose silo died within seconds (<c>GrainCallRetry:MaxElapsed</c>); later, an unchanged write is only a no-op.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
}
