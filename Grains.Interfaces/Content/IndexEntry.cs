namespace Grains.Interfaces.Content;

/// <summary>One id in an ordered index; <see cref="Sequence"/> grows with every entry added.</summary>
[GenerateSerializer, Immutable, Alias("Content.IndexEntry")]
public sealed record IndexEntry
{
    [Id(0)] public required long Sequence { get; init; }
    [Id(1)] public required string Id { get; init; }
}
