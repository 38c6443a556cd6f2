namespace Grains.Interfaces.Content;

/// <summary>A collection as its owner sees it; <see cref="PostIds"/> are in the order they were added.</summary>
[GenerateSerializer, Immutable, Alias("Content.Collection")]
public sealed record Collection(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] Guid OwnerId,
    [property: Id(3)] string[] PostIds,
    [property: Id(4)] DateTime CreatedAt,
    [property: Id(5)] DateTime UpdatedAt,
    [property: Id(6)] int Version) : IVersioned;
