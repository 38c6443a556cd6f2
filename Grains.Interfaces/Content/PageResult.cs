namespace Grains.Interfaces.Content;

/// <summary>A page, or the fields of the <see cref="PageRequest"/> that were wrong.</summary>
[GenerateSerializer, Immutable, Alias("Content.PageResult`1")]
public sealed record PageResult<T>
{
    [Id(0)] public Page<T>? Page { get; init; }
    [Id(1)] public Dictionary<string, string[]>? Errors { get; init; }
}
