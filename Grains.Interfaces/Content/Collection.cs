namespace Grains.Interfaces.Content;

/// <summary>A collection as its owner sees it; <see cref="PostIds"/> are in the order they were added.</summary>
[GenerateSerializer, Immutable, Alias("Content.Collection")]
public sealed record Collection : IVersioned
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required Guid OwnerId { get; init; }
    [Id(3)] public required string[] PostIds { get; init; }
    [Id(4)] public required DateTime CreatedAt { get; init; }
    [Id(5)] public required DateTime UpdatedAt { get; init; }
    [Id(6)] public required int Version { get; init; }
}
