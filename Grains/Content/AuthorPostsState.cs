namespace Grains.Content;

[GenerateSerializer, Alias("Content.AuthorPostsState")]
public sealed record AuthorPostsState
{
    /// <summary>Ascending.</summary>
    [Id(0)] public List<long> Segments { get; init; } = [];
}
