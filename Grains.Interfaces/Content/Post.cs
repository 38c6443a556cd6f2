namespace Grains.Interfaces.Content;

/// <summary>A post as readers see it; times are UTC, so JSON writes them with a <c>Z</c>.</summary>
[GenerateSerializer, Immutable, Alias("Content.Post")]
public sealed record Post(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Body,
    [property: Id(3)] Guid AuthorId,
    [property: Id(4)] DateTime CreatedAt,
    [property: Id(5)] DateTime UpdatedAt,
    [property: Id(6)] int Version) : IVersioned;
