namespace Grains.Interfaces.Content;

/// <summary>One page of a list; <see cref="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("Content.Page`1")]
public sealed record Page<T>
{
    [Id(0)] public required T[] Items { get; init; }
    [Id(1)] public required string? NextCursor { get; init; }
}
