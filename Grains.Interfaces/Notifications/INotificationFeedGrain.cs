using Orleans.Concurrency;

namespace Grains.Interfaces.Notifications;

/// <summary>
/// One feed (key: <see cref="NotificationFeeds"/>): it numbers the changes appended to it, keeps the recent ones
/// durably, and hands each, once stored, to every Api node in order.
/// </summary>
public interface INotificationFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// Completes once the notification is stored, so a writer that was answered never has a change missing from the
    /// feed. Interleaves, so concurrent appends share one storage write. Appending the same change again
    /// (<see cref="NotificationDraft.ChangeKey"/>) while the feed remembers it appends nothing.
    /// </summary>
    [AlwaysInterleave]
    Task AppendAsync(NotificationDraft draft);

    /// <summary>
    /// For a repeat of a change made at <paramref name="changedAt"/> whose first attempt may have failed after, or
    /// before, its append: appends it unless the feed holds it already.
    /// </summary>
    [AlwaysInterleave]
    Task EnsureAsync(NotificationDraft draft, DateTimeOffset changedAt);

    /// <summary>Up to <paramref name="max"/> notifications after sequence number <paramref name="after"/>, oldest first.</summary>
    [ReadOnly]
    Task<FeedPage> ReadAsync(long after, int max);

    /// <summary>Takes every notification by <paramref name="actorId"/> out of the feed (account erasure).</summary>
    Task ForgetActorAsync(string actorId);

    /// <summary>Removes the whole feed from storage (a user's private feed, when the account is erased).</summary>
    Task ClearAsync();
}
