using Grains.Interfaces.Notifications;

namespace Grains.Notifications;

internal static class NotificationRepeats
{
    /// <summary>
    /// How long after a change a repeat of it still makes sure its notification is in the feed. Api nodes repeat a call
    /// whose silo died within seconds (<c>GrainCallRetry:MaxElapsed</c>); later, an unchanged write is only a no-op.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>
    /// What a repeated call does when the change it asks for is there already: perhaps its first attempt stored the
    /// change and then failed, so the feed is made sure to hold the notification of the change made at
    /// <paramref name="changedAt"/>, unless that is longer ago than <see cref="Window"/>.
    /// </summary>
    public static Task EnsureRepeatedAsync(this INotificationFeedGrain feed, Func<NotificationDraft> draft, DateTimeOffset changedAt, TimeProvider clock) =>
        clock.GetUtcNow() - changedAt <= Window ? feed.EnsureAsync(draft(), changedAt) : Task.CompletedTask;
}
