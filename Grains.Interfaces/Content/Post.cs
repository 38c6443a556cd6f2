namespace Grains.Interfaces.Content;

/// <summary>A post as readers see it; times are UTC, so JSON writes them with a <c>Z</c>.</summary>
[GenerateSerializer, Immutable, Alias("Content.Post")]
public sealed record Post : IVersioned
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public required string Body { get; init; }
    [Id(3)] public required Guid AuthorId { get; init; }
    [Id(4)] public required DateTime CreatedAt { get; init; }
    [Id(5)] public required DateTime UpdatedAt { get; init; }
    [Id(6)] public required int Version { get; init; }
}
