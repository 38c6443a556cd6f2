namespace Grains.Interfaces.Content;

/// <summary>Which page to read: <see cref="Cursor"/> from the previous page (none for the first).</summary>
/// <param name="Limit">Page size: <see cref="DefaultLimit"/> when null; larger values are cut to <see cref="MaxLimit"/>.</param>
[GenerateSerializer, Immutable, Alias("Content.PageRequest")]
public sealed record PageRequest(
    [property: Id(0)] string? Cursor = null,
    [property: Id(1)] int? Limit = null)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}
