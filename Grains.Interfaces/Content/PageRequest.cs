namespace Grains.Interfaces.Content;

/// <summary>Which page to read: <see cref="Cursor"/> from the previous page (none for the first).</summary>
[GenerateSerializer, Immutable, Alias("Content.PageRequest")]
public sealed record PageRequest
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    [Id(0)] public string? Cursor { get; init; }

    /// <summary>Page size: <see cref="DefaultLimit"/> when null; larger values are cut to <see cref="MaxLimit"/>.</summary>
    [Id(1)] public int? Limit { get; init; }
}
