namespace Grains.Interfaces.Content;

/// <summary>A new post's place on the feed and its creation time; both grow together.</summary>
[GenerateSerializer, Immutable, Alias("Content.FeedSlot")]
public sealed record FeedSlot(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At);
