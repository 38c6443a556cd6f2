namespace Grains.Interfaces.Content;

/// <summary>One id in an ordered index; <see cref="Sequence"/> grows with every entry added.</summary>
[GenerateSerializer, Immutable, Alias("Content.IndexEntry")]
public sealed record IndexEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Id);
