namespace Grains.Interfaces.Notifications;

/// <summary>
/// Part of a feed: <see cref="Items"/> in order, and the feed's bounds when it was read. <see cref="First"/> is the
/// oldest sequence number still kept (<see cref="Head"/> + 1 when none is); <see cref="Head"/> the newest one stored,
/// and every one up to it is either in the feed or never will be.
/// </summary>
[GenerateSerializer, Immutable, Alias("FeedPage")]
public sealed record FeedPage(
    [property: Id(0)] long First,
    [property: Id(1)] long Head,
    [property: Id(2)] Notification[] Items)
{
    /// <summary>A reader whose last notification was <paramref name="after"/> cannot go on from there: what followed is gone, or it never existed.</summary>
    public bool CannotContinueAfter(long after) => after < First - 1 || after > Head;
}
