namespace Grains.Interfaces.Content;

[GenerateSerializer, Immutable, Alias("Content.FeedEntry")]
public sealed record FeedEntry
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required string PostId { get; init; }
}
