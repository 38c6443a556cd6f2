using Grains.Interfaces.Notifications;

namespace Grains.Notifications;

/// <summary>
/// A feed's table of contents. Its notifications are stored in segments of at most
/// <see cref="NotificationFeedGrain.SegmentCapacity"/> (or <see cref="NotificationFeedGrain.SegmentBytes"/> of data),
/// one storage record each, so an append rewrites one small record rather than the whole feed. This state is written
/// only when a segment fills up.
/// </summary>
[GenerateSerializer, Alias("NotificationFeedState")]
public sealed class NotificationFeedState
{
    /// <summary>The segment appends go to.</summary>
    [Id(0)] public long Current { get; set; }

    /// <summary>The full segments still kept, oldest first.</summary>
    [Id(1)] public List<SegmentSummary> Closed { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("NotificationSegmentSummary")]
public sealed record SegmentSummary(
    [property: Id(0)] long Number,
    [property: Id(1)] long FirstSequence,
    [property: Id(2)] long LastSequence,
    [property: Id(3)] DateTimeOffset LastAt);

[GenerateSerializer, Alias("NotificationSegmentState")]
public sealed class NotificationSegmentState
{
    [Id(0)] public List<Notification> Entries { get; set; } = [];
}
