namespace Grains.Content;

[GenerateSerializer, Alias("Content.PostState")]
public sealed record PostState
{
    [Id(0)] public string Title { get; init; } = "";
    [Id(1)] public string Body { get; init; } = "";
    [Id(2)] public Guid AuthorId { get; init; }
    [Id(3)] public DateTimeOffset CreatedAt { get; init; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(5)] public int Version { get; init; }

    /// <summary>Where the post sits on the feed, so deleting it finds its index entry without a search.</summary>
    [Id(6)] public long FeedSequence { get; init; }
}
