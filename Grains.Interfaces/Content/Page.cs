namespace Grains.Interfaces.Content;

/// <summary>One page of a list; <see cref="NextCursor"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("Content.Page`1")]
public sealed record Page<T>(
    [property: Id(0)] T[] Items,
    [property: Id(1)] string? NextCursor);
