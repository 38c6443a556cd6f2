namespace Grains.Interfaces.Content;

/// <summary>A new post's place on the feed and its creation time; both grow together.</summary>
[GenerateSerializer, Immutable, Alias("Content.FeedSlot")]
public sealed record FeedSlot
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required DateTimeOffset At { get; init; }
}
