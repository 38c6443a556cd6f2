namespace Grains.Interfaces.Content;

/// <summary>A page, or the fields of the <see cref="PageRequest"/> that were wrong.</summary>
[GenerateSerializer, Immutable, Alias("Content.PageResult`1")]
public sealed record PageResult<T>(
    [property: Id(0)] Page<T>? Page = null,
    [property: Id(1)] Dictionary<string, string[]>? Errors = null);
